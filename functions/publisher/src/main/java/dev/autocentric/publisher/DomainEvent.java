package dev.autocentric.publisher;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One domain event ready for the bus: EventBridge {@code source}, {@code detail-type} and the
 * detail envelope {@code {eventId, occurredAt, schemaVersion, data, changed}}.
 */
public record DomainEvent(String source, String detailType, ObjectNode detail) {

    public String eventId() {
        return detail.path("eventId").asText();
    }
}
