package dev.autocentric.publisher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.local.events.StreamEvents;
import dev.autocentric.shared.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Stream records for tests (Listings by default), images written as the table stores them. */
final class Records {
    static final String STREAM_ARN =
            "arn:aws:dynamodb:us-east-1:123456789012:table/Listings/stream/2026-11-26T00:00:00.000";

    private Records() {
    }

    /** A listed, AVAILABLE vehicle as the Listings table holds it. */
    static Map<String, Object> listing() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vin", "1G1ZD5ST1LF012345");
        m.put("dealerId", "dlr-1");
        m.put("stockNumber", "A1234");
        m.put("condition", "NEW");
        m.put("year", 2024);
        m.put("make", "Chevrolet");
        m.put("model", "Malibu");
        m.put("trim", "LT");
        m.put("bodyStyle", "SEDAN");
        m.put("fuel", "GASOLINE");
        m.put("drivetrain", "FWD");
        m.put("transmission", "AUTOMATIC");
        m.put("exteriorColor", "Summit White");
        m.put("mileage", 12);
        m.put("msrpCents", 2899500L);
        m.put("ePriceCents", 2749900L);
        m.put("listed", true);
        m.put("photos", List.of("https://dealer.example/p/1.jpg"));
        m.put("status", "AVAILABLE");
        m.put("version", 1);
        m.put("createdAt", "2026-11-26T08:00:00Z");
        m.put("updatedAt", "2026-11-26T08:00:00Z");
        m.put("dealerZip", "78701");
        return m;
    }

    static Map<String, Object> with(Map<String, Object> item, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>(item);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        m.put("version", ((Number) item.getOrDefault("version", 0)).intValue() + 1);
        m.put("updatedAt", "2026-11-26T08:05:00Z");
        return m;
    }

    static StreamRecord record(String eventId, Map<String, Object> oldItem, Map<String, Object> newItem) {
        return record(STREAM_ARN, eventId, oldItem == null ? null : attributes(oldItem),
                newItem == null ? null : attributes(newItem));
    }

    /** A record of the stream {@code streamArn}: INSERT without an old image, REMOVE without a new one. */
    static StreamRecord record(String streamArn, String eventId, Map<String, AttributeValue> oldItem,
                               Map<String, AttributeValue> newItem) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("eventID", eventId);
        r.put("eventName", oldItem == null ? "INSERT" : newItem == null ? "REMOVE" : "MODIFY");
        r.put("eventSourceARN", streamArn);
        ObjectNode ddb = r.putObject("dynamodb");
        ddb.put("ApproximateCreationDateTime", 1_795_680_000);
        if (oldItem != null) {
            ddb.set("OldImage", StreamEvents.item(oldItem));
        }
        if (newItem != null) {
            ddb.set("NewImage", StreamEvents.item(newItem));
        }
        return StreamRecord.of(r);
    }

    static Map<String, AttributeValue> attributes(Map<String, Object> item) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        item.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    private static AttributeValue value(Object v) {
        if (v instanceof String s) {
            return AttributeValue.fromS(s);
        }
        if (v instanceof Boolean b) {
            return AttributeValue.fromBool(b);
        }
        if (v instanceof Number n) {
            return AttributeValue.fromN(n.toString());
        }
        if (v instanceof List<?> l) {
            return AttributeValue.fromL(l.stream().map(Records::value).toList());
        }
        throw new IllegalArgumentException(String.valueOf(v));
    }
}
