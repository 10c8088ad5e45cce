package dev.autocentric.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every events/&lt;Type&gt;.json sample validates against events/schemas/&lt;Type&gt;.json, and the schemas bite. */
class EventSamplesTest {

    static List<String> types() throws IOException {
        try (Stream<Path> files = Files.list(EventSchemas.EVENTS.resolve("schemas"))) {
            return files.map(p -> p.getFileName().toString().replace(".json", "")).sorted().toList();
        }
    }

    @Test
    void everyListingTypeOfTheDesignHasASchemaAndASample() throws IOException {
        for (String type : List.of("ListingPublished", "ListingUpdated", "ListingPriceChanged", "ListingWithdrawn",
                "ListingReserved", "ListingReleased", "ListingSold", "OrderPlaced", "OrderConfirmed",
                "OrderCancelled", "OrderExpired", "OrderShipped")) {
            assertTrue(types().contains(type), type + " schema");
            assertTrue(Files.exists(EventSchemas.EVENTS.resolve(type + ".json")), type + " sample");
        }
    }

    @ParameterizedTest
    @MethodSource("types")
    void theSampleValidatesAgainstItsSchema(String type) {
        JsonNode sample = EventSchemas.read(EventSchemas.EVENTS.resolve(type + ".json"));
        assertEquals(type, sample.path("detail-type").asText());
        assertEquals(java.util.Set.of(), EventSchemas.violations(sample));
    }

    @ParameterizedTest
    @MethodSource("types")
    void aSampleWithoutItsEventIdOrWithAnUnknownDataFieldIsRejected(String type) {
        ObjectNode noId = (ObjectNode) EventSchemas.read(EventSchemas.EVENTS.resolve(type + ".json"));
        ((ObjectNode) noId.path("detail")).remove("eventId");
        assertFalse(EventSchemas.violations(noId).isEmpty());

        ObjectNode extra = (ObjectNode) EventSchemas.read(EventSchemas.EVENTS.resolve(type + ".json"));
        ((ObjectNode) extra.path("detail").path("data")).put("surprise", 1);
        assertFalse(EventSchemas.violations(extra).isEmpty());
    }
}
