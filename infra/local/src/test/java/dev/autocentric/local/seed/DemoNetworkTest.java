package dev.autocentric.local.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autocentric.shared.geo.ZipCentroids;
import dev.autocentric.shared.listing.VehicleValidator;
import dev.autocentric.shared.geo.ZipCentroid;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoNetworkTest {
    private final DemoNetwork network = new DemoNetwork(42);

    @Test
    void sameSeedSameMarketplace() {
        var dealers = network.dealers(30, 10);
        assertEquals(dealers, new DemoNetwork(42).dealers(30, 10));
        assertEquals(network.stock(dealers, 5), new DemoNetwork(42).stock(dealers, 5));
        assertTrue(!dealers.equals(new DemoNetwork(43).dealers(30, 10)), "another seed, another network");
    }

    @Test
    void dealersSitAtRealZipCentroidsAndOnlyGmDealersAreDeliveryPoints() {
        var dealers = network.dealers(30, 10);
        Set<String> ids = new HashSet<>();
        for (var d : dealers) {
            assertTrue(ids.add(d.dealerId()), "unique id " + d.dealerId());
            var zip = ZipCentroids.get().find(d.zip()).orElseThrow();
            assertEquals(zip.lat(), d.lat());
            assertEquals(zip.lon(), d.lon());
            assertEquals(d.network().equals("GM"), d.deliveryPoint());
            assertTrue(d.dealerId().matches(dev.autocentric.shared.dealer.Dealer.ID_PATTERN), d.dealerId());
        }
        assertEquals(30, dealers.stream().filter(DemoNetwork.DemoDealer::deliveryPoint).count());
    }

    @Test
    void everyGeneratedVehiclePassesTheInventoryApisValidation() {
        var dealers = network.dealers(40, 20);
        Map<String, List<Map<String, Object>>> stock = network.stock(dealers, 20);
        VehicleValidator validator = new VehicleValidator(Clock.systemUTC());
        ObjectMapper json = new ObjectMapper();
        Set<String> vins = new HashSet<>();
        for (var d : dealers) {
            for (Map<String, Object> v : stock.get(d.dealerId())) {
                var result = validator.validate(json.valueToTree(v), null);
                assertTrue(result.valid(), v + " -> " + result.errors());
                assertTrue(d.brands().contains(v.get("make")), "a dealer stocks its own brands");
                assertTrue(vins.add((String) v.get("vin")), "VINs are unique");
            }
        }
        assertEquals(1200, vins.size());
    }

    @Test
    void theRoutingNetworkIsAbout7800GmDeliveryPointsAndThousandsOfOthersWeightedTowardsDenseAreas() {
        var size = DemoSeed.Size.DEFAULT;
        var dealers = network.dealers(size.gmDealers(), size.otherDealers());
        assertEquals(10_800, dealers.size());
        var gm = dealers.stream().filter(DemoNetwork.DemoDealer::deliveryPoint).toList();
        assertEquals(7_800, gm.size());
        for (var d : gm) {
            assertEquals("GM", d.network());
            assertTrue(Set.of("Chevrolet", "Buick", "GMC", "Cadillac").containsAll(d.brands()), d.brands().toString());
        }
        assertTrue(dealers.subList(7_800, 10_800).stream().noneMatch(DemoNetwork.DemoDealer::deliveryPoint));
        assertEquals(10_800, dealers.stream().map(DemoNetwork.DemoDealer::zip).distinct().count(), "one dealer a ZIP");
        assertEquals(10_800, dealers.stream().map(DemoNetwork.DemoDealer::dealerId).distinct().count());
        Set<String> statesWithGm = gm.stream().map(DemoNetwork.DemoDealer::state).collect(Collectors.toSet());
        assertEquals(51, statesWithGm.size(), "every state and DC has a delivery point: " + statesWithGm);

        // the densest tenth of ZIPs (by the weighting's own measure) gets clearly more than a tenth of the dealers
        List<ZipCentroid> zips = ZipCentroids.get().all().stream()
                .filter(z -> !z.city().isEmpty() && !Set.of("PR", "VI", "GU", "AS", "MP").contains(z.state())).toList();
        double[] weights = DemoNetwork.densityWeights(zips);
        double[] sorted = weights.clone();
        Arrays.sort(sorted);
        double densest = sorted[(int) (sorted.length * 0.9)];
        Set<String> denseZips = new HashSet<>();
        for (int i = 0; i < zips.size(); i++) {
            if (weights[i] >= densest) {
                denseZips.add(zips.get(i).zip());
            }
        }
        double denseShareOfZips = denseZips.size() / (double) zips.size();
        double denseShareOfDealers = dealers.stream().filter(d -> denseZips.contains(d.zip())).count() / 10_800.0;
        assertTrue(denseShareOfDealers > 1.5 * denseShareOfZips,
                "dense ZIPs: " + denseShareOfZips + " of ZIPs, " + denseShareOfDealers + " of dealers");
    }

    @Test
    void theDefaultDemoStocksAFewThousandVehiclesStartingWithTheFirstDealer() {
        var size = DemoSeed.Size.DEFAULT;
        int stocked = 0;
        for (int i = 0; i < size.gmDealers() + size.otherDealers(); i++) {
            stocked += size.stocked(i) ? 1 : 0;
        }
        assertEquals(300, stocked);
        assertTrue(size.stocked(0), "the README acts as the first dealer, which has stock");
        assertEquals(3_000, stocked * size.vehiclesPerDealer());
    }
}
