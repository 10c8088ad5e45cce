package dev.autocentric.search;

import dev.autocentric.shared.listing.Listing;
import java.util.List;

/**
 * Reads one key range of one search index: the items of partition {@code pk} whose sort key lies
 * in [{@code lo}, {@code hi}], in sort-key order ({@code forward}) or reversed, at most
 * {@code limit} of them. Implemented by one DynamoDB Query; nothing here may scan.
 */
public interface IndexReader {

    Chunk read(Range range, String lo, String hi, boolean forward, int limit);

    /**
     * A stretch of one partition of an index: the sort keys from those starting with
     * {@code prefix} to those starting with {@code last} (the same as {@code prefix} for a range of
     * one prefix).
     */
    record Range(String index, String pkAttribute, String pk, String skAttribute, String prefix, String last) {

        public Range(String index, String pkAttribute, String pk, String skAttribute, String prefix) {
            this(index, pkAttribute, pk, skAttribute, prefix, prefix);
        }
    }

    /**
     * What one read returned: the items, how many DynamoDB read for them (its ScannedCount), and
     * {@code complete} when the range holds nothing after the last item.
     */
    record Chunk(List<Listing> items, int scanned, boolean complete) {
    }
}
