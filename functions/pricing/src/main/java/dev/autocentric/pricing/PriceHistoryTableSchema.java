package dev.autocentric.pricing;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/** The PriceHistory item, declared statically. Key ({@code vin}, {@code version}). */
final class PriceHistoryTableSchema {

    static final class Builder {
        String vin;
        Long version;
        Long ePriceCents;
        Long previousCents;
        String dealerId;
        Instant changedAt;

        PriceChange build() {
            return new PriceChange(vin, version == null ? 0 : version, ePriceCents == null ? 0 : ePriceCents,
                    previousCents, dealerId, changedAt);
        }
    }

    static final TableSchema<PriceChange> SCHEMA = StaticImmutableTableSchema.builder(PriceChange.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(String.class, a -> a.name("vin").getter(PriceChange::vin).setter((b, v) -> b.vin = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(Long.class, a -> a.name("version").getter(PriceChange::version)
                    .setter((b, v) -> b.version = v).tags(primarySortKey()))
            .addAttribute(Long.class, a -> a.name("ePriceCents").getter(PriceChange::ePriceCents)
                    .setter((b, v) -> b.ePriceCents = v))
            .addAttribute(Long.class, a -> a.name("previousCents").getter(PriceChange::previousCents)
                    .setter((b, v) -> b.previousCents = v))
            .addAttribute(String.class, a -> a.name("dealerId").getter(PriceChange::dealerId)
                    .setter((b, v) -> b.dealerId = v))
            .addAttribute(Instant.class, a -> a.name("changedAt").getter(PriceChange::changedAt)
                    .setter((b, v) -> b.changedAt = v))
            .build();

    private PriceHistoryTableSchema() {
    }
}
