package dev.autocentric.shared.dynamo;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import dev.autocentric.shared.dealer.Dealer;
import dev.autocentric.shared.dealer.Network;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The Dealers item, declared statically. Key {@code dealerId}.
 *
 * <p>Sparse index {@value #DELIVERY_POINT_INDEX}: only a delivery point carries
 * {@value #DELIVERY_POINT_GROUP} (always {@value #DELIVERY_POINT_GROUP_VALUE}, derived from
 * {@code deliveryPoint} on every write), so one Query on that index reads every delivery point
 * and no other dealer. The index projects only what routing needs (see template.yaml).
 */
public final class DealerTableSchema {

    public static final String DELIVERY_POINT_INDEX = "deliveryPoints";
    public static final String DELIVERY_POINT_GROUP = "deliveryPointGroup";
    public static final String DELIVERY_POINT_GROUP_VALUE = "DP";

    static final class Builder {
        String dealerId;
        String name;
        List<String> brands;
        Network network;
        Boolean deliveryPoint;
        String address;
        String city;
        String state;
        String zip;
        Double lat;
        Double lon;
        String credentialSalt;
        String credentialHash;
        Instant createdAt;

        Dealer build() {
            return new Dealer(dealerId, name, brands, network, deliveryPoint != null && deliveryPoint, address,
                    city, state, zip, lat == null ? 0 : lat, lon == null ? 0 : lon, credentialSalt,
                    credentialHash, createdAt);
        }
    }

    public static final TableSchema<Dealer> SCHEMA = StaticImmutableTableSchema.builder(Dealer.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("dealerId").getter(Dealer::dealerId)
                    .setter((b, v) -> b.dealerId = v)
                    .tags(primaryPartitionKey(), secondarySortKey(DELIVERY_POINT_INDEX)))
            .addAttribute(String.class, a -> a.name("name").getter(Dealer::name).setter((b, v) -> b.name = v))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("brands").getter(Dealer::brands)
                    .setter((b, v) -> b.brands = v))
            .addAttribute(String.class, a -> a.name("network")
                    .getter(d -> d.network() == null ? null : d.network().name())
                    .setter((b, v) -> b.network = v == null ? null : Network.valueOf(v)))
            .addAttribute(Boolean.class, a -> a.name("deliveryPoint").getter(Dealer::deliveryPoint)
                    .setter((b, v) -> b.deliveryPoint = v))
            // written only for delivery points (a null attribute is left out), read back as deliveryPoint
            .addAttribute(String.class, a -> a.name(DELIVERY_POINT_GROUP)
                    .getter(d -> d.deliveryPoint() ? DELIVERY_POINT_GROUP_VALUE : null)
                    .setter((b, v) -> { })
                    .tags(secondaryPartitionKey(DELIVERY_POINT_INDEX)))
            .addAttribute(String.class, a -> a.name("address").getter(Dealer::address).setter((b, v) -> b.address = v))
            .addAttribute(String.class, a -> a.name("city").getter(Dealer::city).setter((b, v) -> b.city = v))
            .addAttribute(String.class, a -> a.name("state").getter(Dealer::state).setter((b, v) -> b.state = v))
            .addAttribute(String.class, a -> a.name("zip").getter(Dealer::zip).setter((b, v) -> b.zip = v))
            .addAttribute(Double.class, a -> a.name("lat").getter(Dealer::lat).setter((b, v) -> b.lat = v))
            .addAttribute(Double.class, a -> a.name("lon").getter(Dealer::lon).setter((b, v) -> b.lon = v))
            .addAttribute(String.class, a -> a.name("credentialSalt").getter(Dealer::credentialSalt)
                    .setter((b, v) -> b.credentialSalt = v))
            .addAttribute(String.class, a -> a.name("credentialHash").getter(Dealer::credentialHash)
                    .setter((b, v) -> b.credentialHash = v))
            .addAttribute(Instant.class, a -> a.name("createdAt").getter(Dealer::createdAt)
                    .setter((b, v) -> b.createdAt = v))
            .build();

    private DealerTableSchema() {
    }
}
