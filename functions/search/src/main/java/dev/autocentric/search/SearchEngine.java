package dev.autocentric.search;

import dev.autocentric.search.IndexReader.Chunk;
import dev.autocentric.search.IndexReader.Range;
import dev.autocentric.search.SearchSort.Position;
import dev.autocentric.shared.geo.GeoBox;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.problem.FieldError;
import dev.autocentric.shared.problem.Problem;
import dev.autocentric.shared.problem.ProblemException;
import dev.autocentric.shared.search.SearchKeys;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Answers a page of a search from the sparse search indexes (see {@link SearchKeys}) with
 * Queries only. Three plans, chosen from the query's shape:
 *
 * <ul>
 * <li><b>nearest</b> (sort=distance): a best-first walk over geohash cells around the buyer. A
 * cell waits in a queue keyed by the exact great-circle distance from the buyer to its box; a
 * cell is read (one Query on its sort-key range) only when it is the nearest thing queued, and a
 * hit leaves the queue only when no queued cell can hold a nearer one, so hits come out in exact
 * distance order and reading stops as soon as the page is full. A cell read in part is split
 * into its sub-cells (each a narrower sort-key range), which keeps the bounds tight. Uses
 * searchByModel (when a model is given) or searchByCell.
 * <li><b>merge</b> (sort=price or -price with a model, or nationwide): a k-way merge of
 * price-ordered ranges, each read lazily in small chunks only when its head is next: the model's
 * geohash-4 cells around the buyer (searchByModel), the model's nationwide partition
 * (searchByModelPrice) or the eight nationwide shards (searchByPrice).
 * <li><b>collect</b> (other sorts; price sorts in a radius without a model; facets): every
 * matching vehicle is read from the narrowest ranges that cover the query and sorted in memory.
 * Its cost grows with the match set, so it is bounded: a search that would read more than
 * {@value #MAX_ITEMS_READ} items (or make more than {@value #MAX_REQUESTS} queries, which only a
 * nationwide walk for something almost nowhere in stock can) answers 400 asking for a narrower search.
 * </ul>
 * Every plan resumes after the cursor's position (the order value and VIN of the last hit
 * returned), reading only what lies after it where the index order allows.
 */
public final class SearchEngine {

    /** Items one search may read before it is refused as too broad. */
    public static final int MAX_ITEMS_READ = 20_000;
    /** Queries one search may make before it is refused as too broad. */
    public static final int MAX_REQUESTS = 2_000;
    /** Above this many geohash-4 cells a model's price merge reads the nationwide partition instead. */
    static final int MAX_MODEL_CELLS = 128;
    /** Above this many geohash-4 cells a collect over searchByCell reads whole geohash-3 partitions. */
    static final int MAX_FINE_CELLS = 128;
    private static final int COLLECT_CHUNK = 500;
    private static final String ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz";
    private static final double SLACK_MILES = 1e-9;

    private final IndexReader reader;

    public SearchEngine(IndexReader reader) {
        this.reader = reader;
    }

    /** One page: the hits, whether more follow, facet counts (when asked) and what it cost. */
    public record Result(List<Hit> hits, boolean more, Map<SearchQuery.Facet, Map<String, Long>> facets,
                         String plan, long itemsRead, int requests) {
    }

    /** The page of {@code q} after {@code after} (null for the first page). */
    public Result search(SearchQuery q, Position after) {
        Run run = new Run();
        int want = q.limit() + 1;
        List<Hit> hits;
        String plan;
        List<Hit> collected = null;
        if (q.sort() == SearchSort.DISTANCE) {
            plan = "nearest";
            hits = nearest(run, q, after, want);
        } else if (isPriceSort(q) && (q.model() != null || q.radiusMiles() == null)) {
            plan = "merge";
            hits = merge(run, q, after, want);
        } else {
            plan = "collect";
            collected = collect(run, q);
            hits = page(collected, q.sort(), after, want);
        }
        Map<SearchQuery.Facet, Map<String, Long>> facets = Map.of();
        if (!q.facets().isEmpty()) {
            if (collected == null) {
                collected = collect(run, q);
            }
            facets = facets(q, collected);
        }
        boolean more = hits.size() > q.limit();
        if (more) {
            hits = hits.subList(0, q.limit());
        }
        return new Result(List.copyOf(hits), more, facets, plan, run.itemsRead, run.requests);
    }

    private static boolean isPriceSort(SearchQuery q) {
        return q.sort() == SearchSort.PRICE || q.sort() == SearchSort.PRICE_DESC;
    }

    // ---------------------------------------------------------------- nearest

    private List<Hit> nearest(Run run, SearchQuery q, Position after, int want) {
        boolean byModel = q.model() != null;
        // searchByModel sort keys start with a geohash-4, so any prefix of up to 4 characters is a
        // range; searchByCell is partitioned by geohash-3 and its keys start with a geohash-8
        int firstRead = byModel ? 2 : SearchKeys.CELL_PRECISION;
        int finest = byModel ? SearchKeys.MODEL_CELL_PRECISION : SearchKeys.POINT_PRECISION;
        PriorityQueue<Node> queue = new PriorityQueue<>(NODE_ORDER);
        for (char c : ALPHABET.toCharArray()) {
            offerCell(queue, q, after, String.valueOf(c), null);
        }
        List<Hit> out = new ArrayList<>();
        while (!queue.isEmpty() && out.size() < want) {
            Node node = queue.poll();
            if (node.hit != null) {
                out.add(node.hit);
                continue;
            }
            String prefix = node.cell;
            if (prefix.length() < firstRead) {
                for (char c : ALPHABET.toCharArray()) {
                    offerCell(queue, q, after, prefix + c, null);
                }
                continue;
            }
            Range range = byModel
                    ? new Range(SearchKeys.BY_MODEL, SearchKeys.MODEL, q.model(), SearchKeys.MODEL_KEY, prefix)
                    : new Range(SearchKeys.BY_CELL, SearchKeys.CELL, prefix.substring(0, SearchKeys.CELL_PRECISION),
                            SearchKeys.CELL_KEY, prefix);
            String lo = node.resumeAfter == null ? low(prefix) : node.resumeAfter + "!";
            // a coarse cell is first sampled with a small read: most of what a large cell holds is
            // far from the buyer, and its sub-cells bound their distances more tightly
            // and a fine cell is read a page's remainder at a time: what lies past the page is waste
            int remaining = want - out.size();
            int chunk = prefix.length() < finest && prefix.length() < 4 ? 4 : Math.max(8, Math.min(100, remaining));
            Chunk read = run.read(range, lo, high(prefix), true, chunk);
            for (Listing l : read.items()) {
                Hit h = q.hit(l);
                if (h != null && (after == null || q.sort().compare(q.sort().position(h), after) > 0)) {
                    queue.add(new Node(h.distanceMiles(), null, null, h));
                }
            }
            if (read.complete() || read.items().isEmpty()) {
                continue;
            }
            Listing last = read.items().get(read.items().size() - 1);
            String lastKey = byModel ? SearchKeys.modelKey(last) : SearchKeys.cellKey(last);
            if (prefix.length() >= finest) {
                // no finer ranges to split into: come back for the rest of this one
                queue.add(new Node(node.key, prefix, lastKey, null));
                continue;
            }
            // split what is left: the sub-cell holding the last item resumes after it, the later
            // sub-cells (in sort-key order) are untouched
            String lastCell = lastKey.substring(0, prefix.length() + 1);
            offerCell(queue, q, after, lastCell, lastKey);
            for (int i = ALPHABET.indexOf(lastCell.charAt(prefix.length())) + 1; i < ALPHABET.length(); i++) {
                offerCell(queue, q, after, prefix + ALPHABET.charAt(i), null);
            }
        }
        return out;
    }

    /** Queues a cell unless it lies wholly beyond the radius or wholly before the cursor. */
    private static void offerCell(PriorityQueue<Node> queue, SearchQuery q, Position after, String prefix,
                                  String resumeAfter) {
        GeoBox box = GeoBox.ofGeohash(prefix);
        double lat = q.origin().lat();
        double lon = q.origin().lon();
        double min = Math.max(0, box.minMiles(lat, lon) - SLACK_MILES);
        if (q.radiusMiles() != null && min > q.radiusMiles()) {
            return;
        }
        if (after != null && box.maxMiles(lat, lon) < after.value()) {
            return;
        }
        queue.add(new Node(min, prefix, resumeAfter, null));
    }

    /** A queued cell ({@code hit == null}) or hit, keyed by (a lower bound of) its distance. */
    private record Node(double key, String cell, String resumeAfter, Hit hit) {
    }

    /** By key; at equal keys cells first (they may hold an equal hit with a smaller VIN), then by VIN. */
    private static final Comparator<Node> NODE_ORDER = Comparator.comparingDouble(Node::key)
            .thenComparing((Node n) -> n.hit != null)
            .thenComparing(n -> n.hit == null ? "" : n.hit.listing().vin());

    // ---------------------------------------------------------------- merge

    private List<Hit> merge(Run run, SearchQuery q, Position after, int want) {
        boolean forward = !q.sort().descending();
        List<Range> ranges = new ArrayList<>();
        Function<Listing, String> keyOf;
        if (q.model() != null) {
            List<String> cells = q.radiusMiles() == null ? null : cellsWithin(q, SearchKeys.MODEL_CELL_PRECISION, MAX_MODEL_CELLS);
            if (cells != null) {
                return mergeCells(run, q, after, want, cells);
            } else {
                ranges.add(new Range(SearchKeys.BY_MODEL_PRICE, SearchKeys.MODEL, q.model(), SearchKeys.PRICE_KEY, ""));
                keyOf = SearchKeys::priceKey;
            }
        } else {
            for (int s = 0; s < SearchKeys.SHARDS; s++) {
                ranges.add(new Range(SearchKeys.BY_PRICE, SearchKeys.SHARD, "p" + s, SearchKeys.PRICE_KEY, ""));
            }
            keyOf = SearchKeys::priceKey;
        }
        int first = Math.max(1, Math.min(want, want / Math.max(1, ranges.size())));
        List<Lane> lanes = new ArrayList<>();
        for (Range r : ranges) {
            lanes.add(new Lane(r, forward, startAfter(r, after), first, keyOf, after));
        }
        return drain(run, q, lanes, want);
    }

    private static String startAfter(Range r, Position after) {
        return after == null ? null : r.prefix() + SearchKeys.price((long) after.value()) + "#" + after.vin();
    }

    /**
     * A model's price merge around the buyer: one lane per geohash-4 cell that holds the model.
     * The non-empty cells are found by probing each run of adjacent cells with a one-item Query
     * (in the direction of the sort), which also yields that cell's first vehicle, so an empty
     * stretch of the map costs one request instead of one per cell.
     */
    private List<Hit> mergeCells(Run run, SearchQuery q, Position after, int want, List<String> cells) {
        boolean forward = !q.sort().descending();
        List<Lane> lanes = new ArrayList<>();
        List<String[]> runs = runs(cells, 0);
        int first = Math.max(1, Math.min(want, want / Math.max(1, cells.size())));
        for (String[] span : runs) {
            String lo = span[0] + "#";
            String hi = span[1] + "#~";
            Range whole = new Range(SearchKeys.BY_MODEL, SearchKeys.MODEL, q.model(), SearchKeys.MODEL_KEY, span[0]);
            while (lo.compareTo(hi) < 0) {
                Chunk probe = run.read(whole, lo, hi, forward, 1);
                if (probe.items().isEmpty()) {
                    break;
                }
                Listing x = probe.items().get(0);
                String cell = SearchKeys.modelKey(x).substring(0, SearchKeys.MODEL_CELL_PRECISION);
                Range r = new Range(SearchKeys.BY_MODEL, SearchKeys.MODEL, q.model(), SearchKeys.MODEL_KEY, cell + "#");
                Lane lane = new Lane(r, forward, startAfter(r, after), first, SearchKeys::modelKey, after);
                Position px = new Position(x.vehicle().ePriceCents(), x.vin());
                if (after == null || q.sort().compare(px, after) > 0) {
                    lane.seed(x);
                }
                lanes.add(lane);
                if (probe.complete()) {
                    break;
                }
                if (forward) {
                    lo = cell + "#~";
                } else {
                    hi = cell; // below every key of the cell, above every key of the cells before it
                }
            }
        }
        return drain(run, q, lanes, want);
    }

    /** Merges the lanes in the sort's order until {@code want} hits are found or the lanes run dry. */
    private static List<Hit> drain(Run run, SearchQuery q, List<Lane> all, int want) {
        PriorityQueue<Lane> lanes = new PriorityQueue<>((a, b) -> q.sort().compare(a.key(), b.key()));
        lanes.addAll(all);
        List<Hit> out = new ArrayList<>();
        while (!lanes.isEmpty() && out.size() < want) {
            Lane lane = lanes.poll();
            if (lane.buffer.isEmpty()) {
                if (lane.fill(run, want - out.size())) {
                    lanes.add(lane);
                }
                continue;
            }
            Listing l = lane.buffer.poll();
            lane.lowerBound = new Position(l.vehicle().ePriceCents(), l.vin());
            if (!lane.buffer.isEmpty() || !lane.done) {
                lanes.add(lane);
            }
            Hit h = q.hit(l);
            if (h != null) {
                out.add(h);
            }
        }
        return out;
    }

    /**
     * One price-ordered range read lazily. While its buffer is empty it is queued under the
     * position it has reached (a lower bound of whatever it holds next), so it is read again only
     * when nothing queued can come before it.
     */
    private static final class Lane {
        final Range range;
        final boolean forward;
        final Function<Listing, String> keyOf;
        final ArrayDeque<Listing> buffer = new ArrayDeque<>();
        String lo;
        String hi;
        int chunk;
        boolean done;
        Position lowerBound;

        Lane(Range range, boolean forward, String startAfter, int chunk, Function<Listing, String> keyOf, Position after) {
            this.range = range;
            this.forward = forward;
            this.keyOf = keyOf;
            this.chunk = chunk;
            this.lo = low(range.prefix());
            this.hi = high(range.prefix());
            if (startAfter != null) {
                if (forward) {
                    lo = startAfter + "!";
                } else {
                    hi = before(startAfter);
                }
            }
            this.lowerBound = after == null ? new Position(forward ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, "")
                    : after;
        }

        /** Puts {@code first}, already read, at the head of the lane and resumes after it. */
        void seed(Listing first) {
            buffer.add(first);
            String key = keyOf.apply(first);
            if (forward) {
                lo = key + "!";
            } else {
                hi = before(key);
            }
        }

        Position key() {
            Listing head = buffer.peek();
            return head == null ? lowerBound : new Position(head.vehicle().ePriceCents(), head.vin());
        }

        /** Reads the next chunk (at most {@code remaining} items); false when the range is used up. */
        boolean fill(Run run, int remaining) {
            if (done) {
                return false;
            }
            // never more than the page still needs: a lane read past the page's end is waste
            Chunk read = run.read(range, lo, hi, forward, Math.max(1, Math.min(chunk, remaining)));
            buffer.addAll(read.items());
            done = read.complete() || read.items().isEmpty();
            if (!read.items().isEmpty()) {
                String last = keyOf.apply(read.items().get(read.items().size() - 1));
                if (forward) {
                    lo = last + "!";
                } else {
                    hi = before(last);
                }
            }
            chunk = Math.min(COLLECT_CHUNK, chunk * 2);
            return !buffer.isEmpty();
        }
    }

    // ---------------------------------------------------------------- collect

    private List<Hit> collect(Run run, SearchQuery q) {
        List<Range> ranges = new ArrayList<>();
        if (q.model() != null) {
            List<String> cells = q.radiusMiles() == null ? null : cellsWithin(q, SearchKeys.MODEL_CELL_PRECISION, MAX_MODEL_CELLS);
            if (cells != null) {
                runs(cells, 0).forEach(span -> ranges.add(new Range(SearchKeys.BY_MODEL, SearchKeys.MODEL, q.model(),
                        SearchKeys.MODEL_KEY, span[0], span[1])));
            } else {
                ranges.add(new Range(SearchKeys.BY_MODEL_PRICE, SearchKeys.MODEL, q.model(), SearchKeys.PRICE_KEY, ""));
            }
        } else if (q.radiusMiles() != null) {
            List<String> cells = cellsWithin(q, SearchKeys.CELL_PRECISION + 1, MAX_FINE_CELLS);
            if (cells == null) {
                cells = cellsWithin(q, SearchKeys.CELL_PRECISION, Integer.MAX_VALUE);
            }
            // adjacent cells of one partition are read as one range
            for (String[] span : runs(cells, SearchKeys.CELL_PRECISION)) {
                ranges.add(new Range(SearchKeys.BY_CELL, SearchKeys.CELL, span[0].substring(0, SearchKeys.CELL_PRECISION),
                        SearchKeys.CELL_KEY, span[0], span[1]));
            }
        } else {
            for (int s = 0; s < SearchKeys.SHARDS; s++) {
                ranges.add(new Range(SearchKeys.BY_PRICE, SearchKeys.SHARD, "p" + s, SearchKeys.PRICE_KEY, ""));
            }
        }
        List<Hit> hits = new ArrayList<>();
        for (Range r : ranges) {
            String lo = low(r.prefix());
            while (true) {
                Chunk read = run.read(r, lo, high(r.last()), true, COLLECT_CHUNK);
                for (Listing l : read.items()) {
                    Hit h = q.hit(l);
                    if (h != null) {
                        hits.add(h);
                    }
                }
                if (read.complete() || read.items().isEmpty()) {
                    break;
                }
                Listing last = read.items().get(read.items().size() - 1);
                lo = sortKey(r, last) + "!";
            }
        }
        return hits;
    }

    private static List<Hit> page(List<Hit> hits, SearchSort sort, Position after, int want) {
        List<Hit> sorted = new ArrayList<>(hits);
        sorted.sort(sort.hitOrder());
        List<Hit> out = new ArrayList<>(want);
        for (Hit h : sorted) {
            if (after != null && sort.compare(sort.position(h), after) <= 0) {
                continue;
            }
            out.add(h);
            if (out.size() == want) {
                break;
            }
        }
        return out;
    }

    private static Map<SearchQuery.Facet, Map<String, Long>> facets(SearchQuery q, List<Hit> hits) {
        Map<SearchQuery.Facet, Map<String, Long>> out = new EnumMap<>(SearchQuery.Facet.class);
        for (SearchQuery.Facet f : q.facets()) {
            Map<String, Long> counts = new TreeMap<>();
            for (Hit h : hits) {
                String value = f.valueOf(h.listing());
                if (value != null) {
                    counts.merge(value, 1L, Long::sum);
                }
            }
            out.put(f, counts);
        }
        return out;
    }

    // ---------------------------------------------------------------- cells and keys

    /**
     * The geohash cells of {@code precision} characters whose box comes within the radius, found
     * by descending from the 32 one-character cells; null when there would be more than {@code max}.
     */
    static List<String> cellsWithin(SearchQuery q, int precision, int max) {
        double lat = q.origin().lat();
        double lon = q.origin().lon();
        List<String> level = new ArrayList<>();
        level.add("");
        for (int p = 1; p <= precision; p++) {
            List<String> next = new ArrayList<>();
            for (String parent : level) {
                for (char c : ALPHABET.toCharArray()) {
                    String cell = parent + c;
                    if (GeoBox.ofGeohash(cell).minMiles(lat, lon) - SLACK_MILES <= q.radiusMiles()) {
                        next.add(cell);
                        if (p == precision && next.size() > max) {
                            return null;
                        }
                    }
                }
            }
            level = next;
        }
        return level;
    }

    /**
     * Sorted cells (of one length) as runs of successive geohashes, each {first, last}: the cells
     * of a run are one contiguous stretch of every geohash-prefixed sort key. A run never crosses
     * from one {@code partitionLength}-character prefix to the next (0: it may).
     */
    static List<String[]> runs(List<String> cells, int partitionLength) {
        List<String> sorted = new ArrayList<>(cells);
        sorted.sort(null);
        List<String[]> out = new ArrayList<>();
        for (String c : sorted) {
            String[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && c.equals(successor(last[1]))
                    && c.regionMatches(0, last[1], 0, partitionLength)) {
                last[1] = c;
            } else {
                out.add(new String[] {c, c});
            }
        }
        return out;
    }

    /** The next geohash of the same length in text order (null after the last). */
    static String successor(String cell) {
        char[] c = cell.toCharArray();
        for (int i = c.length - 1; i >= 0; i--) {
            int digit = ALPHABET.indexOf(c[i]);
            if (digit < ALPHABET.length() - 1) {
                c[i] = ALPHABET.charAt(digit + 1);
                return new String(c);
            }
            c[i] = ALPHABET.charAt(0);
        }
        return null;
    }

    private static String sortKey(Range r, Listing l) {
        return switch (r.index()) {
            case SearchKeys.BY_MODEL -> SearchKeys.modelKey(l);
            case SearchKeys.BY_CELL -> SearchKeys.cellKey(l);
            default -> SearchKeys.priceKey(l);
        };
    }

    /** The least sort key of a range (sort keys are never empty; '!' sorts before every key character). */
    static String low(String prefix) {
        return prefix.isEmpty() ? "!" : prefix;
    }

    /** A string above every sort key of the range ('~' sorts after every key character). */
    static String high(String prefix) {
        return prefix + "~";
    }

    /**
     * The greatest string below {@code key} among keys of its length: the last character lowered
     * by one, then '~'. Sort keys of one index all have the same shape, so nothing lies between.
     */
    static String before(String key) {
        char last = key.charAt(key.length() - 1);
        return key.substring(0, key.length() - 1) + (char) (last - 1) + "~";
    }

    /** The reads of one search, counted and bounded. */
    private final class Run {
        long itemsRead;
        int requests;

        Chunk read(Range range, String lo, String hi, boolean forward, int limit) {
            Chunk chunk = reader.read(range, lo, hi, forward, limit);
            requests++;
            itemsRead += chunk.scanned();
            if (itemsRead > MAX_ITEMS_READ || requests > MAX_REQUESTS) {
                throw new ProblemException(new Problem(Problem.TYPE_BASE + "search-too-broad", "Search too broad", 400,
                        "this search would read more than " + MAX_ITEMS_READ + " vehicles or make more than " + MAX_REQUESTS
                                + " queries; add a make or model, narrow "
                                + "the radius, or sort by distance", List.of(new FieldError("radiusMiles", "too-broad",
                                "narrow the search"))));
            }
            return chunk;
        }
    }
}
