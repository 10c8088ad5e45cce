package dev.autocentric.search;

import dev.autocentric.shared.dynamo.ListingTableSchema;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.search.SearchKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The search indexes of a set of listings held in memory, read with DynamoDB Query's semantics
 * for what the engine asks: one partition, sort key BETWEEN lo AND hi (inclusive, in byte order,
 * which for these ASCII keys is Java's String order), forwards or backwards, at most a limit.
 * Each listing is indexed from the item the Listings table schema writes, so which index holds
 * it, and under which keys, is exactly what DynamoDB would see. Lets the 100,000-listing oracle
 * run its 200 searches in seconds; the same oracle also runs against the emulator on a smaller
 * corpus ({@link SearchOracleOnEmulatorTest}), where this boundary is the real one.
 */
final class MemoryIndexReader implements IndexReader {

    private static final String[][] INDEXES = {
            {SearchKeys.BY_MODEL, SearchKeys.MODEL, SearchKeys.MODEL_KEY},
            {SearchKeys.BY_MODEL_PRICE, SearchKeys.MODEL, SearchKeys.PRICE_KEY},
            {SearchKeys.BY_CELL, SearchKeys.CELL, SearchKeys.CELL_KEY},
            {SearchKeys.BY_PRICE, SearchKeys.SHARD, SearchKeys.PRICE_KEY},
            {SearchKeys.BY_MODEL_REGION, SearchKeys.MODEL, SearchKeys.REGION_KEY},
            {SearchKeys.BY_CELL_PRICE, SearchKeys.CELL, SearchKeys.CELL_PRICE_KEY},
            {SearchKeys.BY_STYLE, SearchKeys.STYLE, SearchKeys.STYLE_KEY},
    };

    private final Map<String, TreeMap<String, Listing>> partitions = new HashMap<>();

    MemoryIndexReader(List<Listing> listings) {
        for (Listing l : listings) {
            Map<String, AttributeValue> item = ListingTableSchema.SCHEMA.itemToMap(l, true);
            for (String[] index : INDEXES) {
                AttributeValue pk = item.get(index[1]);
                AttributeValue sk = item.get(index[2]);
                if (pk != null && sk != null) {
                    partitions.computeIfAbsent(index[0] + "\n" + pk.s(), k -> new TreeMap<>()).put(sk.s(), l);
                }
            }
        }
    }

    @Override
    public Chunk read(Range range, String lo, String hi, boolean forward, int limit) {
        TreeMap<String, Listing> partition = partitions.get(range.index() + "\n" + range.pk());
        if (partition == null || lo.compareTo(hi) > 0) {
            return new Chunk(List.of(), 0, true);
        }
        NavigableMap<String, Listing> between = partition.subMap(lo, true, hi, true);
        if (!forward) {
            between = between.descendingMap();
        }
        List<Listing> out = new ArrayList<>(Math.min(limit, between.size()));
        for (Listing l : between.values()) {
            if (out.size() == limit) {
                break;
            }
            out.add(l);
        }
        return new Chunk(out, out.size(), out.size() < limit);
    }
}
