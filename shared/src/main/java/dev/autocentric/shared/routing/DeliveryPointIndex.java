package dev.autocentric.shared.routing;

import ch.hsr.geohash.BoundingBox;
import ch.hsr.geohash.GeoHash;
import dev.autocentric.shared.geo.GeoBox;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Exact k-nearest delivery points by great-circle distance, ties broken by dealerId.
 *
 * <p>The points sit in a tree of geohash cells (the {@code ch.hsr:geohash} library computes each
 * point's cell and each cell's bounding box): a cell with more than {@value #LEAF_SIZE} points is
 * split into its 32 sub-cells, down to {@value #MAX_PRECISION} characters. A query is a best-first
 * search: a queue of cells keyed by a <em>lower bound</em> of the distance from the query to any
 * point of the cell (the exact great-circle distance to the cell's latitude/longitude box, less
 * {@value #SLACK_MILES} mi for rounding), and of points keyed by their exact distance. A point
 * leaves the queue only when no cell still queued can hold a nearer one, so the answer is the
 * brute-force scan's answer; at equal keys cells are opened before points are emitted, so equal
 * distances come out in dealerId order. Immutable and safe to share between threads.
 */
public final class DeliveryPointIndex {

    /** A cell holding more points than this is split into its 32 sub-cells. */
    static final int LEAF_SIZE = 8;
    /** The finest cells: 6 geohash characters (about 1.2 x 0.6 km). */
    static final int MAX_PRECISION = 6;
    /** Taken off every cell's bound so that rounding can never make it exceed a true distance. */
    static final double SLACK_MILES = 1e-9;

    private final Cell root;
    private final Map<String, DeliveryPoint> byId;

    private DeliveryPointIndex(Cell root, Map<String, DeliveryPoint> byId) {
        this.root = root;
        this.byId = byId;
    }

    /** An index of the points; a dealerId given twice is an error. */
    public static DeliveryPointIndex of(Collection<DeliveryPoint> points) {
        Map<String, DeliveryPoint> byId = new LinkedHashMap<>(points.size() * 2);
        List<Placed> placed = new ArrayList<>(points.size());
        for (DeliveryPoint p : points) {
            if (byId.putIfAbsent(p.dealerId(), p) != null) {
                throw new IllegalArgumentException("delivery point " + p.dealerId() + " is given twice");
            }
            placed.add(new Placed(GeoHash.geoHashStringWithCharacterPrecision(p.lat(), p.lon(), MAX_PRECISION), p));
        }
        return new DeliveryPointIndex(build("", placed), byId);
    }

    public int size() {
        return byId.size();
    }

    public Optional<DeliveryPoint> point(String dealerId) {
        return Optional.ofNullable(dealerId == null ? null : byId.get(dealerId));
    }

    /** Every point, in the order given. */
    public Collection<DeliveryPoint> points() {
        return byId.values();
    }

    /** The {@code k} points nearest (lat, lon), nearest first; fewer when the index holds fewer. */
    public List<NearbyDealer> nearest(double lat, double lon, int k) {
        List<NearbyDealer> out = new ArrayList<>(Math.max(0, Math.min(k, size())));
        if (k <= 0 || byId.isEmpty()) {
            return out;
        }
        PriorityQueue<Queued> queue = new PriorityQueue<>(ORDER);
        queue.add(new Queued(0, root, null));
        while (!queue.isEmpty() && out.size() < k) {
            Queued next = queue.poll();
            if (next.point != null) {
                out.add(new NearbyDealer(next.point, next.key));
            } else if (next.cell.children != null) {
                for (Cell child : next.cell.children) {
                    queue.add(new Queued(Math.max(0, child.minMiles(lat, lon) - SLACK_MILES), child, null));
                }
            } else {
                for (DeliveryPoint p : next.cell.points) {
                    queue.add(new Queued(GreatCircle.miles(lat, lon, p.lat(), p.lon()), null, p));
                }
            }
        }
        return out;
    }

    private record Placed(String geohash, DeliveryPoint point) {
    }

    /** A queued cell ({@code point == null}) or point, keyed by (lower bound of) its distance. */
    private record Queued(double key, Cell cell, DeliveryPoint point) {
    }

    /** By key; at equal keys cells first (they may hold an equal point with a smaller id), then by dealerId. */
    private static final Comparator<Queued> ORDER = Comparator.comparingDouble(Queued::key)
            .thenComparing((Queued q) -> q.point != null)
            .thenComparing(q -> q.point == null ? "" : q.point.dealerId());

    private static Cell build(String prefix, List<Placed> placed) {
        BoundingBox box = prefix.isEmpty() ? null : GeoHash.fromGeohashString(prefix).getBoundingBox();
        double south = box == null ? -90 : box.getSouthLatitude();
        double north = box == null ? 90 : box.getNorthLatitude();
        double west = box == null ? -180 : box.getWestLongitude();
        double east = box == null ? 180 : box.getEastLongitude();
        if (placed.size() <= LEAF_SIZE || prefix.length() == MAX_PRECISION) {
            return new Cell(new GeoBox(south, north, west, east), null,
                    placed.stream().map(Placed::point).toArray(DeliveryPoint[]::new));
        }
        Map<String, List<Placed>> bySubCell = new HashMap<>();
        for (Placed p : placed) {
            bySubCell.computeIfAbsent(p.geohash.substring(0, prefix.length() + 1), c -> new ArrayList<>()).add(p);
        }
        Cell[] children = bySubCell.entrySet().stream().map(e -> build(e.getKey(), e.getValue())).toArray(Cell[]::new);
        return new Cell(new GeoBox(south, north, west, east), children, null);
    }

    /** A geohash cell's box and either its sub-cells or (a leaf) its points. */
    private record Cell(GeoBox box, Cell[] children, DeliveryPoint[] points) {

        double minMiles(double lat, double lon) {
            return box.minMiles(lat, lon);
        }
    }
}
