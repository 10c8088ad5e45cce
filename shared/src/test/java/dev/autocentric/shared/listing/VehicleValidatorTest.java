package dev.autocentric.shared.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.problem.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VehicleValidatorTest {

    static final String VIN = "1HGCM82633A004352";
    final VehicleValidator validator =
            new VehicleValidator(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));

    static ObjectNode good() throws Exception {
        return (ObjectNode) Json.tree("""
                {"vin": "%s", "stockNumber": "A1234", "condition": "USED", "year": 2024,
                 "make": "Chevrolet", "model": "Malibu", "trim": "LT", "bodyStyle": "SEDAN", "fuel": "GASOLINE",
                 "drivetrain": "FWD", "transmission": "AUTOMATIC", "exteriorColor": "Summit White",
                 "interiorColor": "Jet Black", "mileage": 12, "msrpCents": 2899500, "ePriceCents": 2749900,
                 "listed": true, "photos": ["https://dealer.example/p/1.jpg"], "options": ["Sunroof"]}
                """.formatted(VIN));
    }

    Map<String, String> errors(JsonNode body, String pathVin) {
        VehicleValidator.Result result = validator.validate(body, pathVin);
        assertFalse(result.valid());
        return result.errors().stream().collect(Collectors.toMap(FieldError::field, FieldError::code, (a, b) -> a));
    }

    @Test
    void acceptsTheDesignExample() throws Exception {
        VehicleValidator.Result result = validator.validate(good(), null);
        assertTrue(result.valid(), result.errors()::toString);
        assertEquals(2749900L, result.vehicle().ePriceCents());
        assertEquals(Condition.USED, result.vehicle().condition());
    }

    @Test
    void fourWheelDriveIsWrittenAsDealerFeedsWriteIt() throws Exception {
        ObjectNode body = good();
        body.put("drivetrain", "4WD");
        VehicleValidator.Result result = validator.validate(body, null);
        assertTrue(result.valid(), result.errors()::toString);
        assertEquals(Drivetrain.FOUR_WD, result.vehicle().drivetrain());
        assertEquals("\"4WD\"", Json.MAPPER.writeValueAsString(Drivetrain.FOUR_WD));
        body.put("drivetrain", "FOUR_WD");
        assertEquals(Map.of("drivetrain", "enum"), errors(body, null));
    }

    @Test
    void takesTheVinFromThePathWhenTheBodyHasNone() throws Exception {
        ObjectNode body = good();
        body.remove("vin");
        assertEquals(VIN, validator.validate(body, VIN.toLowerCase()).vehicle().vin());
        assertEquals(Map.of("vin", "required"), errors(body, null));
    }

    @Test
    void bodyVinMustMatchPathVin() throws Exception {
        assertEquals(Map.of("vin", "mismatch"), errors(good(), "11111111111111111"));
    }

    @Test
    void namesEveryBadFieldAtOnce() throws Exception {
        ObjectNode body = good();
        body.put("vin", "1HGCM82643A004352");
        body.put("year", 1970);
        body.put("msrpCents", 2899500.5);
        body.put("ePriceCents", "2749900");
        body.put("condition", "MINT");
        body.remove("make");
        body.put("colour", "red");
        body.put("mileage", -1);
        body.putArray("photos").add("http://dealer.example/p.jpg").add(3);
        body.put("listed", "yes");
        Map<String, String> errors = errors(body, null);
        assertEquals(Map.of("vin", "vin", "year", "range", "msrpCents", "type", "ePriceCents", "type",
                "condition", "enum", "make", "required", "colour", "unknown_field", "mileage", "range",
                "photos[0]", "format", "photos[1]", "type"), Map.copyOf(withoutListed(errors)));
        assertEquals("type", errors.get("listed"));
    }

    private static Map<String, String> withoutListed(Map<String, String> errors) {
        return errors.entrySet().stream().filter(e -> !e.getKey().equals("listed"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void yearUpToNextYearPlusOne() throws Exception {
        ObjectNode body = good();
        body.put("year", 2028);
        assertTrue(validator.validate(body, null).valid());
        body.put("year", 2029);
        assertEquals(Map.of("year", "range"), errors(body, null));
    }

    @Test
    void ePriceWithinSanityBandOfMsrp() throws Exception {
        ObjectNode body = good();
        body.put("ePriceCents", 28995);  // dollars typed as cents: 1% of MSRP
        assertEquals(Map.of("ePriceCents", "price_band"), errors(body, null));
        body.put("ePriceCents", 2899500L * 3 / 2 + 1);
        assertEquals(Map.of("ePriceCents", "price_band"), errors(body, null));
        body.put("ePriceCents", 0);
        assertEquals(Map.of("ePriceCents", "range"), errors(body, null));
        body.put("ePriceCents", -5);
        assertEquals(Map.of("ePriceCents", "range"), errors(body, null));
        body.put("ePriceCents", 2_000_000_000L);
        body.put("msrpCents", 2_000_000_000L);
        assertEquals(Map.of("ePriceCents", "range", "msrpCents", "range"), errors(body, null));
    }

    @Test
    void newVehiclesHaveFewMiles() throws Exception {
        ObjectNode body = good();
        body.put("condition", "NEW");
        body.put("mileage", 5000);
        assertEquals(Map.of("mileage", "range"), errors(body, null));
    }

    @Test
    void listLimits() throws Exception {
        ObjectNode body = good();
        var photos = body.putArray("photos");
        for (int i = 0; i < 31; i++) {
            photos.add("https://dealer.example/" + i + ".jpg");
        }
        var options = body.putArray("options");
        for (int i = 0; i < 51; i++) {
            options.add("option " + i);
        }
        assertEquals(Map.of("photos", "length", "options", "length"), errors(body, null));
    }

    @Test
    void stringLengthsAndTypes() throws Exception {
        ObjectNode body = good();
        body.put("make", "x".repeat(41));
        body.put("model", 42);
        body.put("trim", "  ");
        assertEquals(Map.of("make", "length", "model", "type"), errors(body, null));
    }

    @Test
    void nonObjectBodiesAreRejected() throws Exception {
        assertEquals("type", validator.validate(Json.tree("[1,2]"), null).errors().get(0).code());
        assertEquals("type", validator.validate(Json.tree("\"car\""), null).errors().get(0).code());
    }

    @Test
    void listedDefaultsToTrue() throws Exception {
        ObjectNode body = good();
        body.remove("listed");
        assertTrue(validator.validate(body, null).vehicle().listed());
    }
}
