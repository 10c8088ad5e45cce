package dev.autocentric.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GET /v1/dealers/{dealerId}: the public profile. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GetDealerTest {

    RoutingApi api;

    @BeforeAll
    void start() {
        api = new RoutingApi("Profile");
        api.enrol("dlr-detroit", true, "Detroit", "MI", "48226", 42.33181, -83.05035);
        api.enrol("ford-toledo", false, "Toledo", "OH", "43604", 41.65, -83.54);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void aDealersPublicProfileWithoutItsCredential() {
        var r = api.get("/v1/dealers/dlr-detroit");
        assertEquals(200, r.status(), r.body());
        JsonNode body = r.json();
        assertEquals("dlr-detroit", body.get("dealerId").asText());
        assertEquals("Detroit Chevrolet", body.get("name").asText());
        assertEquals("GM", body.get("network").asText());
        assertTrue(body.get("deliveryPoint").asBoolean());
        assertEquals("48226", body.get("zip").asText());
        assertEquals("Chevrolet", body.get("brands").get(0).asText());
        assertEquals("2026-11-01T10:00:00Z", body.get("createdAt").asText());
        for (String secret : new String[] {"credentialHash", "credentialSalt", "credential", "deliveryPointGroup"}) {
            assertFalse(body.has(secret), secret + " in " + body);
        }
        JsonNode other = api.get("/v1/dealers/ford-toledo").json();
        assertFalse(other.get("deliveryPoint").asBoolean());
        assertEquals("OTHER", other.get("network").asText());
    }

    @Test
    void anUnknownDealerIs404AndAMalformedIdIs400() {
        api.get("/v1/dealers/dlr-nowhere").problem(404);
        assertEquals("dealerId", api.get("/v1/dealers/Bad_Id").problem(400).get("errors").get(0).get("field").asText());
        api.get("/v1/dealers/x").problem(400);
    }
}
