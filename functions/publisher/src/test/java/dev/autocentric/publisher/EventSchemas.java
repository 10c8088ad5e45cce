package dev.autocentric.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.autocentric.local.emulator.ProjectRoot;
import dev.autocentric.shared.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assertions;

/** The JSON Schemas of events/schemas (draft 2020-12), one per event type. */
final class EventSchemas {
    static final Path EVENTS = ProjectRoot.find().resolve("events");
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    static JsonSchema schema(String type) {
        return SCHEMAS.computeIfAbsent(type, t -> FACTORY.getSchema(read(EVENTS.resolve("schemas/" + t + ".json"))));
    }

    /** The violations of an EventBridge event (source, detail-type, detail) against its type's schema. */
    static Set<ValidationMessage> violations(JsonNode event) {
        return schema(event.path("detail-type").asText()).validate(event);
    }

    /** A published event as EventBridge would deliver it (the parts the schemas describe). */
    static ObjectNode asEventBridgeEvent(DomainEvent e) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("source", e.source());
        event.put("detail-type", e.detailType());
        event.set("detail", e.detail());
        return event;
    }

    /** The one event a mapper made, checked: present, of {@code source}, envelope version 1, valid by its schema. */
    static DomainEvent valid(Optional<DomainEvent> mapped, String source) {
        Assertions.assertTrue(mapped.isPresent(), "an event");
        DomainEvent e = mapped.get();
        Assertions.assertEquals(Set.of(), violations(asEventBridgeEvent(e)),
                "valid against events/schemas/" + e.detailType() + ".json: " + e.detail());
        Assertions.assertEquals(source, e.source());
        Assertions.assertEquals(1, e.detail().path("schemaVersion").asInt());
        return e;
    }

    /** The names in an event's {@code changed}. */
    static List<String> changed(DomainEvent e) {
        List<String> names = new ArrayList<>();
        e.detail().path("changed").forEach(n -> names.add(n.asText()));
        return names;
    }

    static JsonNode read(Path file) {
        try {
            return Json.tree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
