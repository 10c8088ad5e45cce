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
 * span of sibling cells waits in a queue keyed by the least great-circle distance from the buyer
 * to its cells' boxes; it is read only when it is the nearest thing queued, and a hit leaves the
 * queue only when nothing queued can hold a nearer one, so hits come out in exact distance order
 * and reading stops as soon as the page is full. A span is probed for one item, whose finest
 * cell (for searchByCell and searchByStyle, the dealer's point) is then read a page's remainder
 * at a time, and what is left of the span goes back in pieces with tighter bounds. Uses
 * searchByModel (a model is given), searchByStyle (a body style, one partition per condition
 * asked for) or searchByCell.
 * <li><b>merge</b> (sort=price or -price, except in a wide radius without a model): a k-way
 * merge of price-ordered ranges, each read lazily in small chunks only when its head is next and
 * never more than its share of what the page still needs: the model's geohash-4 cells around the
 * buyer (searchByModel) or, for a wide radius, its geohash-2 regions (searchByModelRegion); the
 * geohash-4 cells around the buyer without a model (searchByCellPrice); the model's nationwide
 * partition (searchByModelPrice) or the eight nationwide shards (searchByPrice).
 * <li><b>collect</b> (other sorts; price sorts in a wide radius without a model; the first page
 * of a search with facets, whose counts need every match anyway): every
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
    /** Above this many geohash-4 cells a model's price merge reads its geohash-2 regions instead. */
    static final int MAX_MODEL_CELLS = 128;
    /** Levels above a dealer's point (geohash-8) read as one range after the point: geohash-5 down. */
    private static final int POINT_COLLAPSE = 3;
    /** After a cursor, up to this many cells are probed one by one from the cursor's price. */
    static final int MAX_CURSOR_PROBES = 32;
    /**
     * Above this many geohash-4 cells a collect over searchByCell reads whole geohash-3
     * partitions, and a price order in a radius without a model is collected rather than merged.
     */
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
        if (!q.facets().isEmpty() && after == null) {
            // the facet counts need every match anyway: the first page comes from the same reads
            plan = "collect";
            collected = collect(run, q);
            hits = page(collected, q.sort(), null, want);
        } else if (q.sort() == SearchSort.DISTANCE) {
            plan = "nearest";
            hits = nearest(run, q, after, want);
        } else if (isPriceSort(q) && (hits = merge(run, q, after, want)) != null) {
            plan = "merge";
        } else {
            plan = "collect";
            collected = collect(run, q);
            hits = page(collected, q.sort(), after, want);
        }
        Map<SearchQuery.Facet, Map<String, Long>> facets = Map.of();
        // facet counts are the same for every page of a search, so only its first page pays for them
        if (!q.facets().isEmpty() && after == null) {
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

    /**
     * An index whose sort keys are {@code [variant #] geohash # ...} for the nearest walk: spans of
     * sibling cells under a parent of at least {@code readableParent} characters are one key range
     * of one partition; {@code finest} geohash characters lead each key. A search reads one
     * partition per variant (the key prefix before the geohash, e.g. a condition).
     */
    private record WalkLayout(String index, String pkAttribute, String skAttribute, int readableParent, int finest,
                              int collapse, Function<Listing, String> keyOf, List<String> variants,
                              java.util.function.BiFunction<SearchQuery, String, String> pk) {

        static WalkLayout of(SearchQuery q) {
            if (q.model() != null) {
                // one partition per model, keys led by a geohash-4 (then price): any span is one range
                return new WalkLayout(SearchKeys.BY_MODEL, SearchKeys.MODEL, SearchKeys.MODEL_KEY, 1,
                        SearchKeys.MODEL_CELL_PRECISION, 0, SearchKeys::modelKey, List.of(""), (query, geo) -> query.model());
            }
            if (q.bodyStyle() != null) {
                // partitioned by body style and geohash-3, keys led by the condition and a geohash-8
                List<String> variants = q.condition() != null ? List.of(q.condition().name() + "#")
                        : java.util.Arrays.stream(dev.autocentric.shared.listing.Condition.values()).map(c -> c.name() + "#").toList();
                return new WalkLayout(SearchKeys.BY_STYLE, SearchKeys.STYLE, SearchKeys.STYLE_KEY, SearchKeys.CELL_PRECISION,
                        SearchKeys.POINT_PRECISION, POINT_COLLAPSE, SearchKeys::styleKey, variants,
                        (query, geo) -> query.bodyStyle().name() + "#" + geo.substring(0, SearchKeys.CELL_PRECISION));
            }
            // partitioned by geohash-3, keys led by a geohash-8 (a dealer's point)
            return new WalkLayout(SearchKeys.BY_CELL, SearchKeys.CELL, SearchKeys.CELL_KEY, SearchKeys.CELL_PRECISION,
                    SearchKeys.POINT_PRECISION, POINT_COLLAPSE, SearchKeys::cellKey, List.of(""),
                    (query, geo) -> geo.substring(0, SearchKeys.CELL_PRECISION));
        }
    }

    private List<Hit> nearest(Run run, SearchQuery q, Position after, int want) {
        WalkLayout layout = WalkLayout.of(q);
        int finest = layout.finest();
        PriorityQueue<Node> queue = new PriorityQueue<>(NODE_ORDER);
        for (int v = 0; v < layout.variants().size(); v++) {
            offerSpan(queue, q, after, v, "", 0, ALPHABET.length() - 1);
        }
        List<Hit> out = new ArrayList<>();
        while (!queue.isEmpty() && out.size() < want) {
            Node node = queue.poll();
            if (node.hit != null) {
                out.add(node.hit);
                continue;
            }
            String parent = node.parent;
            if (parent.length() < layout.readableParent()) {
                for (int i = node.from; i <= node.to; i++) {
                    offerSpan(queue, q, after, node.variant, parent + ALPHABET.charAt(i), 0, ALPHABET.length() - 1);
                }
                continue;
            }
            String variant = layout.variants().get(node.variant);
            String first = parent + ALPHABET.charAt(node.from);
            String lastCell = parent + ALPHABET.charAt(node.to);
            Range range = new Range(layout.index(), layout.pkAttribute(), layout.pk().apply(q, parent),
                    layout.skAttribute(), variant + first, variant + lastCell);
            boolean finestCell = first.length() == finest && node.from == node.to;
            String lo = node.resumeAfter == null ? low(variant + first) : node.resumeAfter + "!";
            // a span is probed for one item: its first item in key order names the finest cell
            // (for the point-keyed indexes, a dealer's point) to read next, and what is left of the
            // span is queued in pieces whose boxes bound it tightly. A finest cell is read a page's
            // remainder at a time: what lies past the page is waste
            int chunk = finestCell ? Math.min(100, want - out.size()) : 1;
            Chunk read = run.read(range, lo, high(variant + lastCell), true, chunk);
            for (Listing l : read.items()) {
                Hit h = q.hit(l);
                if (h != null && (after == null || q.sort().compare(q.sort().position(h), after) > 0)) {
                    queue.add(new Node(h.distanceMiles(), 0, null, 0, 0, null, h));
                }
            }
            if (read.complete() || read.items().isEmpty()) {
                continue;
            }
            String lastKey = layout.keyOf().apply(read.items().get(read.items().size() - 1));
            String lastGeo = lastKey.substring(variant.length());
            if (finestCell) {
                // no finer ranges to split into: come back for the rest of this one
                queue.add(new Node(node.key, node.variant, parent, node.from, node.to, lastKey, null));
                continue;
            }
            // what is left of the span: the finest cell holding the last item, after it; at every
            // level down to the span's, the cells after the one holding it under the same parent
            // (the ones before it are empty: the read began at the span's first key); and the
            // span's cells after the one holding it
            int childLength = first.length();
            offerResume(queue, q, after, node.variant, lastGeo.substring(0, finest), lastKey, node.key);
            // in the point-keyed indexes the levels just above a point are tiny boxes around it,
            // nearly always empty: they are taken as one range (the rest of the point's geohash-5
            // after the point), one read instead of one per level
            int collapsed = Math.max(childLength, finest - layout.collapse());
            if (collapsed < finest) {
                offerResume(queue, q, after, node.variant, lastGeo.substring(0, collapsed),
                        variant + lastGeo.substring(0, finest) + "~", node.key);
            }
            for (int level = collapsed; level > childLength; level--) {
                offerSpan(queue, q, after, node.variant, lastGeo.substring(0, level - 1),
                        ALPHABET.indexOf(lastGeo.charAt(level - 1)) + 1, ALPHABET.length() - 1);
            }
            offerSpan(queue, q, after, node.variant, parent, ALPHABET.indexOf(lastGeo.charAt(childLength - 1)) + 1,
                    node.to);
        }
        return out;
    }

    /**
     * Queues the cells {@code parent + ALPHABET[from..to]}, leaving out those wholly beyond the
     * radius or wholly before the cursor: each unbroken run of the others is one node, keyed by
     * the least distance from the buyer to any of its cells.
     */
    private static void offerSpan(PriorityQueue<Node> queue, SearchQuery q, Position after, int variant, String parent,
                                  int from, int to) {
        int runFrom = -1;
        double runMin = Double.POSITIVE_INFINITY;
        for (int i = from; i <= to + 1; i++) {
            double min = i <= to ? reach(q, after, parent + ALPHABET.charAt(i)) : Double.NaN;
            if (!Double.isNaN(min)) {
                if (runFrom < 0) {
                    runFrom = i;
                    runMin = min;
                } else {
                    runMin = Math.min(runMin, min);
                }
            } else if (runFrom >= 0) {
                queue.add(new Node(runMin, variant, parent, runFrom, i - 1, null, null));
                runFrom = -1;
            }
        }
    }

    /** Queues the rest of a finest cell after {@code resumeAfter}, no nearer than {@code floor}. */
    private static void offerResume(PriorityQueue<Node> queue, SearchQuery q, Position after, int variant, String cell,
                                    String resumeAfter, double floor) {
        double min = reach(q, after, cell);
        if (!Double.isNaN(min)) {
            int i = ALPHABET.indexOf(cell.charAt(cell.length() - 1));
            queue.add(new Node(Math.max(min, floor), variant, cell.substring(0, cell.length() - 1), i, i, resumeAfter, null));
        }
    }

    /**
     * A lower bound of the distance from the buyer to anything in the cell, or NaN when the cell
     * lies wholly beyond the radius or wholly before the cursor.
     */
    private static double reach(SearchQuery q, Position after, String cell) {
        GeoBox box = GeoBox.ofGeohash(cell);
        double lat = q.origin().lat();
        double lon = q.origin().lon();
        double min = Math.max(0, box.minMiles(lat, lon) - SLACK_MILES);
        if (q.radiusMiles() != null && min > q.radiusMiles()) {
            return Double.NaN;
        }
        if (after != null && box.maxMiles(lat, lon) < after.value()) {
            return Double.NaN;
        }
        return min;
    }

    /**
     * A queued span of sibling cells ({@code parent + ALPHABET[from..to]} of one variant of the
     * layout, read after {@code resumeAfter} when set) or a hit, keyed by (a lower bound of) its
     * distance.
     */
    private record Node(double key, int variant, String parent, int from, int to, String resumeAfter, Hit hit) {
    }

    /** By key; at equal keys cells first (they may hold an equal hit with a smaller VIN), then by VIN. */
    private static final Comparator<Node> NODE_ORDER = Comparator.comparingDouble(Node::key)
            .thenComparing((Node n) -> n.hit != null)
            .thenComparing(n -> n.hit == null ? "" : n.hit.listing().vin());

    // ---------------------------------------------------------------- merge

    /** Null when the search has no price-ordered ranges to merge (a wide radius without a model). */
    private List<Hit> merge(Run run, SearchQuery q, Position after, int want) {
        boolean forward = !q.sort().descending();
        List<Range> ranges = new ArrayList<>();
        if (q.model() != null) {
            if (q.radiusMiles() != null) {
                List<String> cells = cellsWithin(q, SearchKeys.MODEL_CELL_PRECISION, MAX_MODEL_CELLS);
                if (cells != null) {
                    return mergeCells(run, q, after, want, cells, CellLayout.MODEL);
                }
                cells = cellsWithin(q, SearchKeys.REGION_PRECISION, MAX_MODEL_CELLS);
                if (cells != null) {
                    return mergeCells(run, q, after, want, cells, CellLayout.MODEL_REGION);
                }
            }
            ranges.add(new Range(SearchKeys.BY_MODEL_PRICE, SearchKeys.MODEL, q.model(), SearchKeys.PRICE_KEY, ""));
        } else if (q.radiusMiles() != null) {
            List<String> cells = cellsWithin(q, SearchKeys.CELL_PRICE_PRECISION, MAX_FINE_CELLS);
            return cells == null ? null : mergeCells(run, q, after, want, cells, CellLayout.CELL_PRICE);
        } else {
            for (int s = 0; s < SearchKeys.SHARDS; s++) {
                ranges.add(new Range(SearchKeys.BY_PRICE, SearchKeys.SHARD, "p" + s, SearchKeys.PRICE_KEY, ""));
            }
        }
        int first = Math.max(1, Math.min(want, want / Math.max(1, ranges.size())));
        List<Lane> lanes = new ArrayList<>();
        for (Range r : ranges) {
            lanes.add(new Lane(r, forward, startAfter(r.prefix(), after), first, SearchKeys::priceKey, after));
        }
        return drain(run, q, lanes, want);
    }

    /** The sort key the cursor's vehicle would have in a range whose keys start with {@code prefix}. */
    private static String startAfter(String prefix, Position after) {
        return after == null ? null : prefix + SearchKeys.price((long) after.value()) + "#" + after.vin();
    }

    /**
     * An index whose sort keys are {@code geohash # price # vin}: cells of {@code precision}
     * characters, each price-ordered, partitioned by model ({@code partitionLength} 0) or by the
     * first {@code partitionLength} characters of the geohash.
     */
    private record CellLayout(String index, String pkAttribute, String skAttribute, int precision, int partitionLength,
                              Function<Listing, String> keyOf) {

        static final CellLayout MODEL = new CellLayout(SearchKeys.BY_MODEL, SearchKeys.MODEL, SearchKeys.MODEL_KEY,
                SearchKeys.MODEL_CELL_PRECISION, 0, SearchKeys::modelKey);
        static final CellLayout MODEL_REGION = new CellLayout(SearchKeys.BY_MODEL_REGION, SearchKeys.MODEL,
                SearchKeys.REGION_KEY, SearchKeys.REGION_PRECISION, 0, SearchKeys::regionKey);
        static final CellLayout CELL_PRICE = new CellLayout(SearchKeys.BY_CELL_PRICE, SearchKeys.CELL,
                SearchKeys.CELL_PRICE_KEY, SearchKeys.CELL_PRICE_PRECISION, SearchKeys.CELL_PRECISION,
                SearchKeys::cellPriceKey);

        String pk(SearchQuery q, String cell) {
            return partitionLength == 0 ? q.model() : cell.substring(0, partitionLength);
        }
    }

    /**
     * A price merge around the buyer: one lane per cell of the layout that holds a match. The
     * non-empty cells are found by probing each run of adjacent cells with a one-item Query (in
     * the direction of the sort), which also yields that cell's first vehicle, so an empty
     * stretch of the map costs one request instead of one per cell.
     */
    private List<Hit> mergeCells(Run run, SearchQuery q, Position after, int want, List<String> cells, CellLayout layout) {
        boolean forward = !q.sort().descending();
        List<Lane> lanes = new ArrayList<>();
        // after a cursor, few cells are probed one by one from the cursor's price (what lies before
        // it would be read for nothing); many are probed by runs, where empty stretches are cheap
        boolean fromCursor = after != null && cells.size() <= MAX_CURSOR_PROBES;
        List<String[]> runs = fromCursor ? cells.stream().sorted().map(c -> new String[] {c, c}).toList()
                : runs(cells, layout.partitionLength());
        int first = Math.max(1, Math.min(want, want / Math.max(1, cells.size())));
        for (String[] span : runs) {
            String lo = span[0] + "#";
            String hi = span[1] + "#~";
            if (fromCursor) {
                String cursorKey = startAfter(span[0] + "#", after);
                if (forward) {
                    lo = cursorKey + "!";
                } else {
                    hi = before(cursorKey);
                }
            }
            String pk = layout.pk(q, span[0]);
            Range whole = new Range(layout.index(), layout.pkAttribute(), pk, layout.skAttribute(), span[0]);
            while (lo.compareTo(hi) < 0) {
                Chunk probe = run.read(whole, lo, hi, forward, 1);
                if (probe.items().isEmpty()) {
                    break;
                }
                Listing x = probe.items().get(0);
                String cell = layout.keyOf().apply(x).substring(0, layout.precision());
                Range r = new Range(layout.index(), layout.pkAttribute(), pk, layout.skAttribute(), cell + "#");
                Lane lane = new Lane(r, forward, startAfter(r.prefix(), after), first, layout.keyOf(), after);
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
                // a lane read while others are live shares what the page still needs with them:
                // reading it all from one lane would mostly be overtaken by the others
                int share = (want - out.size() + lanes.size()) / (lanes.size() + 1);
                if (lane.fill(run, Math.max(1, share))) {
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
        for (int i = 0; i < ranges.size(); ) {
            // the ranges of one partition lie in key order: one item read across all of them
            // finds where the first vehicle is, so an empty stretch (or an empty search) costs
            // one request, and reading starts at that vehicle's key
            int j = i;
            while (j + 1 < ranges.size() && ranges.get(j + 1).index().equals(ranges.get(i).index())
                    && ranges.get(j + 1).pk().equals(ranges.get(i).pk())) {
                j++;
            }
            String from = null;
            Listing first = null;
            if (j > i) {
                Chunk probe = run.read(ranges.get(i), low(ranges.get(i).prefix()), high(ranges.get(j).last()), true, 1);
                if (probe.items().isEmpty()) {
                    i = j + 1;
                    continue;
                }
                first = probe.items().get(0);
                from = sortKey(ranges.get(i), first);
            }
            for (int k = i; k <= j; k++) {
                Range r = ranges.get(k);
                String lo = low(r.prefix());
                if (from != null && high(r.last()).compareTo(from) < 0) {
                    continue; // wholly before the first vehicle: empty
                }
                if (from != null && from.compareTo(lo) >= 0) {
                    // the range holding the probed vehicle: keep it, read on after it
                    Hit h = q.hit(first);
                    if (h != null) {
                        hits.add(h);
                    }
                    lo = from + "!";
                }
                collectRange(run, q, r, lo, hits);
            }
            i = j + 1;
        }
        return hits;
    }

    /** Every match in {@code r} from sort key {@code lo} (inclusive) on, into {@code hits}. */
    private void collectRange(Run run, SearchQuery q, Range r, String from, List<Hit> hits) {
        String lo = from;
        while (true) {
            Chunk read = run.read(r, lo, high(r.last()), true, COLLECT_CHUNK);
            for (Listing l : read.items()) {
                Hit h = q.hit(l);
                if (h != null) {
                    hits.add(h);
                }
            }
            if (read.complete() || read.items().isEmpty()) {
                return;
            }
            Listing last = read.items().get(read.items().size() - 1);
            lo = sortKey(r, last) + "!";
        }
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
