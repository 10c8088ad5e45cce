package dev.autocentric.shared.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The index against a brute-force scan on random and awkward point sets (the ZIP oracle is in the routing function). */
class DeliveryPointIndexTest {

    static List<NearbyDealer> bruteForce(List<DeliveryPoint> points, double lat, double lon, int k) {
        return points.stream().map(p -> new NearbyDealer(p, GreatCircle.miles(lat, lon, p.lat(), p.lon())))
                .sorted(Comparator.comparingDouble(NearbyDealer::distanceMiles)
                        .thenComparing(n -> n.dealer().dealerId()))
                .limit(k).toList();
    }

    static DeliveryPoint point(String id, double lat, double lon) {
        return new DeliveryPoint(id, id, "City", "ST", "00000", lat, lon);
    }

    @Test
    void agreesWithBruteForceOnRandomWorldPoints() {
        Random random = new Random(7);
        List<DeliveryPoint> points = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            points.add(point(String.format("p%05d", random.nextInt(100_000)) + "-" + i,
                    Math.toDegrees(Math.asin(2 * random.nextDouble() - 1)), -180 + 360 * random.nextDouble()));
        }
        DeliveryPointIndex index = DeliveryPointIndex.of(points);
        assertEquals(3000, index.size());
        for (int q = 0; q < 500; q++) {
            double lat = -90 + 180 * random.nextDouble();
            double lon = -180 + 360 * random.nextDouble();
            assertEquals(bruteForce(points, lat, lon, 7), index.nearest(lat, lon, 7), lat + "," + lon);
        }
    }

    @Test
    void equalDistancesComeOutInDealerIdOrder() {
        // many dealers at one place and around a query point at exactly equal distances
        List<DeliveryPoint> points = new ArrayList<>();
        for (int i = 9; i >= 0; i--) {
            points.add(point("same-" + i, 40.0, -90.0));
        }
        points.add(point("north", 41.0, -100.0));
        points.add(point("south", 39.0, -100.0));
        points.add(point("east", 40.0, -99.0));
        DeliveryPointIndex index = DeliveryPointIndex.of(points);
        List<NearbyDealer> near = index.nearest(40.0, -90.0, 12);
        assertEquals(bruteForce(points, 40.0, -90.0, 12), near);
        assertEquals("same-0", near.get(0).dealer().dealerId());
        assertEquals("same-9", near.get(9).dealer().dealerId());
        assertEquals(bruteForce(points, 40.0, -100.0, 3), index.nearest(40.0, -100.0, 3));
    }

    @Test
    void findsNeighboursAcrossTheAntimeridianAndNearThePoles() {
        List<DeliveryPoint> points = List.of(point("adak", 51.88, -176.66), point("attu", 52.9, 172.9),
                point("anchorage", 61.2, -149.9), point("honolulu", 21.3, -157.86), point("pole", 89.99, 10),
                point("pole-b", 89.99, -170));
        DeliveryPointIndex index = DeliveryPointIndex.of(points);
        for (double[] q : new double[][] {{52, 179.9}, {52, -179.9}, {13.4, 144.8}, {89.9, 100}, {-14.3, -170.7}}) {
            assertEquals(bruteForce(points, q[0], q[1], 6), index.nearest(q[0], q[1], 6));
        }
    }

    @Test
    void edgeCases() {
        assertTrue(DeliveryPointIndex.of(List.of()).nearest(40, -90, 5).isEmpty());
        DeliveryPointIndex two = DeliveryPointIndex.of(List.of(point("a", 40, -90), point("b", 41, -90)));
        assertEquals(2, two.nearest(40, -90, 20).size());
        assertTrue(two.nearest(40, -90, 0).isEmpty());
        assertEquals(0, two.nearest(40, -90, 1).get(0).distanceMiles());
        assertEquals("b", two.point("b").orElseThrow().dealerId());
        assertThrows(IllegalArgumentException.class, () -> DeliveryPointIndex.of(List.of(point("a", 1, 1), point("a", 2, 2))));
    }
}
