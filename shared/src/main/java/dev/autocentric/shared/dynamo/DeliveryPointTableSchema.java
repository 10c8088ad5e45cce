package dev.autocentric.shared.dynamo;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import dev.autocentric.shared.routing.DeliveryPoint;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A Dealers item as the sparse {@value DealerTableSchema#DELIVERY_POINT_INDEX} index projects it:
 * the key attributes and name, city, state, zip, lat, lon. For reading that index only.
 */
public final class DeliveryPointTableSchema {

    static final class Builder {
        String dealerId;
        String name;
        String city;
        String state;
        String zip;
        Double lat;
        Double lon;

        DeliveryPoint build() {
            return new DeliveryPoint(dealerId, name, city, state, zip, lat == null ? 0 : lat, lon == null ? 0 : lon);
        }
    }

    public static final TableSchema<DeliveryPoint> SCHEMA = StaticImmutableTableSchema
            .builder(DeliveryPoint.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("dealerId").getter(DeliveryPoint::dealerId)
                    .setter((b, v) -> b.dealerId = v)
                    .tags(primaryPartitionKey(), secondarySortKey(DealerTableSchema.DELIVERY_POINT_INDEX)))
            .addAttribute(String.class, a -> a.name(DealerTableSchema.DELIVERY_POINT_GROUP)
                    .getter(p -> DealerTableSchema.DELIVERY_POINT_GROUP_VALUE)
                    .setter((b, v) -> { })
                    .tags(secondaryPartitionKey(DealerTableSchema.DELIVERY_POINT_INDEX)))
            .addAttribute(String.class, a -> a.name("name").getter(DeliveryPoint::name).setter((b, v) -> b.name = v))
            .addAttribute(String.class, a -> a.name("city").getter(DeliveryPoint::city).setter((b, v) -> b.city = v))
            .addAttribute(String.class, a -> a.name("state").getter(DeliveryPoint::state).setter((b, v) -> b.state = v))
            .addAttribute(String.class, a -> a.name("zip").getter(DeliveryPoint::zip).setter((b, v) -> b.zip = v))
            .addAttribute(Double.class, a -> a.name("lat").getter(DeliveryPoint::lat).setter((b, v) -> b.lat = v))
            .addAttribute(Double.class, a -> a.name("lon").getter(DeliveryPoint::lon).setter((b, v) -> b.lon = v))
            .build();

    private DeliveryPointTableSchema() {
    }
}
