package dev.autocentric.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autocentric.local.seed.DemoNetwork;
import dev.autocentric.local.seed.DemoSeed;
import dev.autocentric.shared.geo.ZipCentroid;
import dev.autocentric.shared.geo.ZipCentroids;
import dev.autocentric.shared.routing.DeliveryPoint;
import dev.autocentric.shared.routing.DeliveryPointIndex;
import dev.autocentric.shared.routing.NearbyDealer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 3, must-show 1: for 10,000 random ZIPs of the data set, the index answers exactly what a
 * brute-force haversine scan over all delivery dealers of the demo network answers: the same
 * nearest dealer, and the same top 5 (ids and order), distances within 1e-6 miles.
 */
class NearestOracleTest {

    @Test
    void theIndexAgreesWithABruteForceScanOn10000RandomZips() {
        var size = DemoSeed.Size.DEFAULT;
        List<DeliveryPoint> points = new DemoNetwork(20010205L).dealers(size.gmDealers(), size.otherDealers()).stream()
                .filter(DemoNetwork.DemoDealer::deliveryPoint)
                .map(d -> new DeliveryPoint(d.dealerId(), d.name(), d.city(), d.state(), d.zip(), d.lat(), d.lon()))
                .toList();
        assertEquals(7_800, points.size());
        DeliveryPointIndex index = DeliveryPointIndex.of(points);
        double[] lats = points.stream().mapToDouble(DeliveryPoint::lat).toArray();
        double[] lons = points.stream().mapToDouble(DeliveryPoint::lon).toArray();

        List<ZipCentroid> zips = ZipCentroids.get().all();
        Random random = new Random(3);
        for (int q = 0; q < 10_000; q++) {
            ZipCentroid zip = zips.get(random.nextInt(zips.size()));
            List<NearbyDealer> expected = oracle(points, lats, lons, zip.lat(), zip.lon(), 5);
            List<NearbyDealer> actual = index.nearest(zip.lat(), zip.lon(), 5);
            assertEquals(5, actual.size());
            assertEquals(expected.get(0).dealer().dealerId(), actual.get(0).dealer().dealerId(), "nearest to " + zip);
            for (int i = 0; i < 5; i++) {
                assertEquals(expected.get(i).dealer().dealerId(), actual.get(i).dealer().dealerId(),
                        "#" + (i + 1) + " nearest to " + zip);
                assertEquals(expected.get(i).distanceMiles(), actual.get(i).distanceMiles(), 1e-6,
                        "#" + (i + 1) + " distance from " + zip);
            }
        }
    }

    /** Haversine to every point, written out here on its own (not GreatCircle), best k by (distance, dealerId). */
    static List<NearbyDealer> oracle(List<DeliveryPoint> points, double[] lats, double[] lons, double lat, double lon,
                                     int k) {
        double r = 3958.7613;
        double phi1 = Math.toRadians(lat);
        List<NearbyDealer> best = new ArrayList<>(k + 1);
        for (int i = 0; i < lats.length; i++) {
            double phi2 = Math.toRadians(lats[i]);
            double a = Math.pow(Math.sin((phi2 - phi1) / 2), 2)
                    + Math.cos(phi1) * Math.cos(phi2) * Math.pow(Math.sin(Math.toRadians(lons[i] - lon) / 2), 2);
            double miles = 2 * r * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
            NearbyDealer candidate = new NearbyDealer(points.get(i), miles);
            int at = best.size();
            while (at > 0 && before(candidate, best.get(at - 1))) {
                at--;
            }
            if (at < k) {
                best.add(at, candidate);
                if (best.size() > k) {
                    best.remove(k);
                }
            }
        }
        return best;
    }

    private static boolean before(NearbyDealer a, NearbyDealer b) {
        int byDistance = Double.compare(a.distanceMiles(), b.distanceMiles());
        return byDistance < 0 || byDistance == 0 && a.dealer().dealerId().compareTo(b.dealer().dealerId()) < 0;
    }
}
