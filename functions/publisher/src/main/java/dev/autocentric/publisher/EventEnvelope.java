package dev.autocentric.publisher;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The detail envelope every mapper puts around its {@code data} (DESIGN.md section 6):
 * {@code {eventId, occurredAt, schemaVersion, data, changed}}. {@code eventId} is a name-based
 * UUID of the source and the stream record's eventID, so a redelivered record yields the same id;
 * {@code occurredAt} is the item's {@code updatedAt} after the change, or the stream's own time
 * when there is none (a deletion).
 */
final class EventEnvelope {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventEnvelope() {
    }

    /** One event of {@code source} and {@code type} for {@code record}. */
    static DomainEvent event(String source, String type, StreamRecord record, ObjectNode data, List<String> changed) {
        ObjectNode detail = NODES.objectNode();
        detail.put("eventId", eventId(source, record.eventId()));
        detail.put("occurredAt", occurredAt(record).toString());
        detail.put("schemaVersion", StreamEventMapper.SCHEMA_VERSION);
        detail.set("data", data);
        ArrayNode names = detail.putArray("changed");
        changed.forEach(names::add);
        return new DomainEvent(source, type, detail);
    }

    /** A stable id: the same stream record always gives the same id, different records never do. */
    static String eventId(String source, String streamEventId) {
        return UUID.nameUUIDFromBytes((source + ":" + streamEventId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static Instant occurredAt(StreamRecord record) {
        String updatedAt = StreamRecord.text(record.newImage(), "updatedAt");
        if (updatedAt != null) {
            try {
                return Instant.parse(updatedAt);
            } catch (RuntimeException e) {
                // fall back to the stream's own time
            }
        }
        return record.approximate();
    }
}
