package dev.autocentric.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autocentric.shared.http.testing.GatewayCalls;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** DELETE /v1/dealers/{dealerId}/inventory/{vin}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WithdrawVehicleTest {

    ListingApi api;
    String cred;
    String otherCred;

    @BeforeAll
    void start() {
        api = new ListingApi("Withdraw");
        cred = api.enrol("seller-a");
        otherCred = api.enrol("seller-b");
    }

    @AfterAll
    void stop() {
        api.close();
    }

    GatewayCalls.Response delete(String dealerId, String vin, String credential) {
        return api.send("DELETE", "/v1/dealers/" + dealerId + "/inventory/" + vin,
                credential == null ? null : "Bearer " + credential, null);
    }

    @Test
    void withdrawsOnceAndIsIdempotent() {
        String vin = api.put("seller-a", cred, ListingApi.vehicle(ListingApi.newVin()));
        var first = delete("seller-a", vin, cred);
        assertEquals(204, first.status(), first.body());
        assertEquals("\"2\"", first.header("ETag"));
        var item = api.storedListing(vin);
        assertEquals("WITHDRAWN", item.get("status").s());
        assertEquals("2", item.get("version").n());
        var again = delete("seller-a", vin, cred);
        assertEquals(204, again.status());
        assertEquals("2", api.storedListing(vin).get("version").n());
        api.send("GET", "/v1/listings/" + vin, null, null).problem(404);
    }

    @Test
    void staleIfMatchIsRefused() {
        String vin = api.put("seller-a", cred, ListingApi.vehicle(ListingApi.newVin()));
        api.send("DELETE", "/v1/dealers/seller-a/inventory/" + vin, "Bearer " + cred, null, Map.of("If-Match", "\"5\""))
                .problem(412);
        assertEquals("AVAILABLE", api.storedListing(vin).get("status").s());
    }

    @Test
    void reservedOrSoldIsAConflict() {
        for (String status : new String[] {"RESERVED", "SOLD"}) {
            String vin = api.put("seller-a", cred, ListingApi.vehicle(ListingApi.newVin()));
            api.setStatus(vin, status);
            var before = api.snapshot();
            delete("seller-a", vin, cred).problem(409);
            assertEquals(before, api.snapshot());
        }
    }

    @Test
    void unknownOrOthersVehiclesAreNotFound() {
        delete("seller-a", ListingApi.newVin(), cred).problem(404);
        String othersVin = api.put("seller-b", otherCred, ListingApi.vehicle(ListingApi.newVin()));
        var before = api.snapshot();
        delete("seller-a", othersVin, cred).problem(404);
        delete("seller-a", "NOT-A-VIN", cred).problem(400);
        assertEquals(before, api.snapshot());
    }

    @Test
    void credentialsAreChecked() {
        String vin = api.put("seller-a", cred, ListingApi.vehicle(ListingApi.newVin()));
        var before = api.snapshot();
        delete("seller-a", vin, null).problem(401);
        delete("seller-a", vin, "acd_seller-a_" + "x".repeat(43)).problem(401);
        delete("seller-a", vin, otherCred).problem(403);
        assertEquals(before, api.snapshot());
    }
}
