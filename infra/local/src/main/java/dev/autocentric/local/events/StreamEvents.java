package dev.autocentric.local.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.local.Json;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The event Lambda gives a function for a batch of DynamoDB stream records, attribute values in DynamoDB JSON. */
public final class StreamEvents {

    private StreamEvents() {
    }

    public static ObjectNode event(List<Record> records, String streamArn, String region) {
        var event = Json.object();
        ArrayNode array = event.putArray("Records");
        records.forEach(r -> array.add(record(r, streamArn, region)));
        return event;
    }

    static ObjectNode record(Record record, String streamArn, String region) {
        var node = Json.object();
        node.put("eventID", record.eventID());
        node.put("eventName", record.eventNameAsString());
        node.put("eventVersion", "1.1");
        node.put("eventSource", "aws:dynamodb");
        node.put("awsRegion", region);
        StreamRecord stream = record.dynamodb();
        ObjectNode dynamodb = node.putObject("dynamodb");
        if (stream.approximateCreationDateTime() != null) {
            // Lambda sends epoch seconds as a number
            dynamodb.put("ApproximateCreationDateTime", stream.approximateCreationDateTime().getEpochSecond());
        }
        if (stream.hasKeys()) {
            dynamodb.set("Keys", item(stream.keys()));
        }
        if (stream.hasNewImage()) {
            dynamodb.set("NewImage", item(stream.newImage()));
        }
        if (stream.hasOldImage()) {
            dynamodb.set("OldImage", item(stream.oldImage()));
        }
        dynamodb.put("SequenceNumber", stream.sequenceNumber());
        dynamodb.put("SizeBytes", stream.sizeBytes() != null ? stream.sizeBytes() : approximateSize(stream));
        dynamodb.put("StreamViewType", stream.streamViewTypeAsString());
        node.put("eventSourceARN", streamArn);
        if (record.userIdentity() != null) {
            node.putObject("userIdentity").put("type", record.userIdentity().type())
                    .put("principalId", record.userIdentity().principalId());
        }
        return node;
    }

    public static ObjectNode item(Map<String, AttributeValue> item) {
        var node = Json.object();
        item.forEach((name, value) -> node.set(name, attribute(value)));
        return node;
    }

    public static ObjectNode attribute(AttributeValue value) {
        var node = Json.object();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case B -> node.put("B", base64(value.b()));
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case M -> node.set("M", item(value.m()));
            case L -> {
                ArrayNode list = node.putArray("L");
                value.l().forEach(v -> list.add(attribute(v)));
            }
            case SS -> {
                ArrayNode set = node.putArray("SS");
                value.ss().forEach(set::add);
            }
            case NS -> {
                ArrayNode set = node.putArray("NS");
                value.ns().forEach(set::add);
            }
            case BS -> {
                ArrayNode set = node.putArray("BS");
                value.bs().forEach(b -> set.add(base64(b)));
            }
            default -> throw new IllegalArgumentException("unknown attribute value type: " + value);
        }
        return node;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }

    /** Size of keys and images in their JSON form: only used when the emulator does not report it. */
    private static long approximateSize(StreamRecord stream) {
        long size = 0;
        if (stream.hasKeys()) {
            size += Json.write(item(stream.keys())).length();
        }
        if (stream.hasNewImage()) {
            size += Json.write(item(stream.newImage())).length();
        }
        if (stream.hasOldImage()) {
            size += Json.write(item(stream.oldImage())).length();
        }
        return size;
    }
}
