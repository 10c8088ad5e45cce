package dev.autocentric.local.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autocentric.shared.geo.ZipCentroids;
import dev.autocentric.shared.listing.VehicleValidator;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
}
