package dev.autocentric.shared.dynamo;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import dev.autocentric.shared.listing.BodyStyle;
import dev.autocentric.shared.listing.Condition;
import dev.autocentric.shared.listing.Drivetrain;
import dev.autocentric.shared.listing.Fuel;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import dev.autocentric.shared.listing.Transmission;
import dev.autocentric.shared.listing.Vehicle;
import dev.autocentric.shared.search.SearchKeys;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * The Listings item, declared statically (no bean reflection at run time). Key {@code vin};
 * index {@code byDealer} = ({@code dealerId}, {@code vin}); the sparse search index keys of
 * {@link SearchKeys} are derived on every put. Enums are stored by name.
 */
public final class ListingTableSchema {

    public static final String BY_DEALER = "byDealer";

    /** Collects attributes while an item is read, then builds the immutable {@link Listing}. */
    static final class Builder {
        String vin;
        String stockNumber;
        Condition condition;
        Integer year;
        String make;
        String model;
        String trim;
        BodyStyle bodyStyle;
        Fuel fuel;
        Drivetrain drivetrain;
        Transmission transmission;
        String exteriorColor;
        String interiorColor;
        Integer mileage;
        Long msrpCents;
        Long ePriceCents;
        Boolean listed;
        List<String> photos;
        List<String> options;
        String dealerId;
        ListingStatus status;
        Long version;
        Instant createdAt;
        Instant updatedAt;
        String dealerName;
        String dealerCity;
        String dealerZip;
        Double dealerLat;
        Double dealerLon;

        Listing build() {
            Vehicle vehicle = new Vehicle(vin, stockNumber, condition, zero(year), make, model, trim, bodyStyle,
                    fuel, drivetrain, transmission, exteriorColor, interiorColor, zero(mileage),
                    msrpCents == null ? 0 : msrpCents, ePriceCents == null ? 0 : ePriceCents,
                    listed != null && listed, photos, options);
            return new Listing(vehicle, dealerId, status, version == null ? 0 : version, createdAt, updatedAt,
                    dealerName, dealerCity, dealerZip, dealerLat, dealerLon);
        }

        private static int zero(Integer i) {
            return i == null ? 0 : i;
        }
    }

    public static final TableSchema<Listing> SCHEMA = StaticImmutableTableSchema.builder(Listing.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("vin").getter(Listing::vin).setter((b, v) -> b.vin = v)
                    .tags(primaryPartitionKey(), secondarySortKey(BY_DEALER)))
            .addAttribute(String.class, a -> a.name("dealerId").getter(Listing::dealerId)
                    .setter((b, v) -> b.dealerId = v).tags(secondaryPartitionKey(BY_DEALER)))
            .addAttribute(String.class, a -> a.name("stockNumber").getter(l -> l.vehicle().stockNumber())
                    .setter((b, v) -> b.stockNumber = v))
            .addAttribute(String.class, a -> a.name("condition").getter(l -> name(l.vehicle().condition()))
                    .setter((b, v) -> b.condition = v == null ? null : Condition.valueOf(v)))
            .addAttribute(Integer.class, a -> a.name("year").getter(l -> l.vehicle().year())
                    .setter((b, v) -> b.year = v))
            .addAttribute(String.class, a -> a.name("make").getter(l -> l.vehicle().make())
                    .setter((b, v) -> b.make = v))
            .addAttribute(String.class, a -> a.name("model").getter(l -> l.vehicle().model())
                    .setter((b, v) -> b.model = v))
            .addAttribute(String.class, a -> a.name("trim").getter(l -> l.vehicle().trim())
                    .setter((b, v) -> b.trim = v))
            .addAttribute(String.class, a -> a.name("bodyStyle").getter(l -> name(l.vehicle().bodyStyle()))
                    .setter((b, v) -> b.bodyStyle = v == null ? null : BodyStyle.valueOf(v)))
            .addAttribute(String.class, a -> a.name("fuel").getter(l -> name(l.vehicle().fuel()))
                    .setter((b, v) -> b.fuel = v == null ? null : Fuel.valueOf(v)))
            .addAttribute(String.class, a -> a.name("drivetrain").getter(l -> l.vehicle().drivetrain() == null ? null : l.vehicle().drivetrain().wire())
                    .setter((b, v) -> b.drivetrain = v == null ? null : Drivetrain.fromWire(v)))
            .addAttribute(String.class, a -> a.name("transmission").getter(l -> name(l.vehicle().transmission()))
                    .setter((b, v) -> b.transmission = v == null ? null : Transmission.valueOf(v)))
            .addAttribute(String.class, a -> a.name("exteriorColor").getter(l -> l.vehicle().exteriorColor())
                    .setter((b, v) -> b.exteriorColor = v))
            .addAttribute(String.class, a -> a.name("interiorColor").getter(l -> l.vehicle().interiorColor())
                    .setter((b, v) -> b.interiorColor = v))
            .addAttribute(Integer.class, a -> a.name("mileage").getter(l -> l.vehicle().mileage())
                    .setter((b, v) -> b.mileage = v))
            .addAttribute(Long.class, a -> a.name("msrpCents").getter(l -> l.vehicle().msrpCents())
                    .setter((b, v) -> b.msrpCents = v))
            .addAttribute(Long.class, a -> a.name("ePriceCents").getter(l -> l.vehicle().ePriceCents())
                    .setter((b, v) -> b.ePriceCents = v))
            .addAttribute(Boolean.class, a -> a.name("listed").getter(l -> l.vehicle().listed())
                    .setter((b, v) -> b.listed = v))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("photos").getter(l -> l.vehicle().photos())
                    .setter((b, v) -> b.photos = v))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name("options").getter(l -> l.vehicle().options())
                    .setter((b, v) -> b.options = v))
            .addAttribute(String.class, a -> a.name("status").getter(l -> name(l.status()))
                    .setter((b, v) -> b.status = v == null ? null : ListingStatus.valueOf(v)))
            .addAttribute(Long.class, a -> a.name("version").getter(Listing::version).setter((b, v) -> b.version = v))
            .addAttribute(Instant.class, a -> a.name("createdAt").getter(Listing::createdAt)
                    .setter((b, v) -> b.createdAt = v))
            .addAttribute(Instant.class, a -> a.name("updatedAt").getter(Listing::updatedAt)
                    .setter((b, v) -> b.updatedAt = v))
            .addAttribute(String.class, a -> a.name("dealerName").getter(Listing::dealerName)
                    .setter((b, v) -> b.dealerName = v))
            .addAttribute(String.class, a -> a.name("dealerCity").getter(Listing::dealerCity)
                    .setter((b, v) -> b.dealerCity = v))
            .addAttribute(String.class, a -> a.name("dealerZip").getter(Listing::dealerZip)
                    .setter((b, v) -> b.dealerZip = v))
            .addAttribute(Double.class, a -> a.name("dealerLat").getter(Listing::dealerLat)
                    .setter((b, v) -> b.dealerLat = v))
            .addAttribute(Double.class, a -> a.name("dealerLon").getter(Listing::dealerLon)
                    .setter((b, v) -> b.dealerLon = v))
            // sparse search index keys: derived from the listing on every put, never read back
            .addAttribute(String.class, a -> a.name(SearchKeys.MODEL).getter(SearchKeys::model)
                    .setter((b, v) -> { }).tags(secondaryPartitionKey(List.of(SearchKeys.BY_MODEL, SearchKeys.BY_MODEL_PRICE,
                            SearchKeys.BY_MODEL_REGION))))
            .addAttribute(String.class, a -> a.name(SearchKeys.MODEL_KEY).getter(SearchKeys::modelKey)
                    .setter((b, v) -> { }).tags(secondarySortKey(SearchKeys.BY_MODEL)))
            .addAttribute(String.class, a -> a.name(SearchKeys.PRICE_KEY).getter(SearchKeys::priceKey)
                    .setter((b, v) -> { }).tags(secondarySortKey(List.of(SearchKeys.BY_MODEL_PRICE, SearchKeys.BY_PRICE))))
            .addAttribute(String.class, a -> a.name(SearchKeys.CELL).getter(SearchKeys::cell)
                    .setter((b, v) -> { }).tags(secondaryPartitionKey(List.of(SearchKeys.BY_CELL, SearchKeys.BY_CELL_PRICE))))
            .addAttribute(String.class, a -> a.name(SearchKeys.CELL_KEY).getter(SearchKeys::cellKey)
                    .setter((b, v) -> { }).tags(secondarySortKey(SearchKeys.BY_CELL)))
            .addAttribute(String.class, a -> a.name(SearchKeys.REGION_KEY).getter(SearchKeys::regionKey)
                    .setter((b, v) -> { }).tags(secondarySortKey(SearchKeys.BY_MODEL_REGION)))
            .addAttribute(String.class, a -> a.name(SearchKeys.CELL_PRICE_KEY).getter(SearchKeys::cellPriceKey)
                    .setter((b, v) -> { }).tags(secondarySortKey(SearchKeys.BY_CELL_PRICE)))
            .addAttribute(String.class, a -> a.name(SearchKeys.STYLE).getter(SearchKeys::style)
                    .setter((b, v) -> { }).tags(secondaryPartitionKey(SearchKeys.BY_STYLE)))
            .addAttribute(String.class, a -> a.name(SearchKeys.STYLE_KEY).getter(SearchKeys::styleKey)
                    .setter((b, v) -> { }).tags(secondarySortKey(SearchKeys.BY_STYLE)))
            .addAttribute(String.class, a -> a.name(SearchKeys.SHARD).getter(SearchKeys::shardKey)
                    .setter((b, v) -> { }).tags(secondaryPartitionKey(SearchKeys.BY_PRICE)))
            .build();

    private ListingTableSchema() {
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
