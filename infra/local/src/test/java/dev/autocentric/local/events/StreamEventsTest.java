package dev.autocentric.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.local.Json;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class StreamEventsTest {

    static final String STREAM = "arn:aws:dynamodb:us-east-1:123456789012:table/Listings/stream/2026-11-26T07:00:00.000";

    static Record record(String sequence, OperationType type, Map<String, AttributeValue> newImage,
                         Map<String, AttributeValue> oldImage) {
        var stream = StreamRecord.builder()
                .approximateCreationDateTime(Instant.parse("2026-11-26T07:00:01Z"))
                .keys(Map.of("vin", AttributeValue.fromS("VIN1")))
                .sequenceNumber(sequence)
                .sizeBytes(42L)
                .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES);
        if (newImage != null) {
            stream.newImage(newImage);
        }
        if (oldImage != null) {
            stream.oldImage(oldImage);
        }
        return Record.builder().eventID("ev-" + sequence).eventName(type).eventVersion("1.1")
                .eventSource("aws:dynamodb").awsRegion("us-east-1").dynamodb(stream.build()).build();
    }

    @Test
    void buildsLambdasDynamoDbEvent() {
        var newImage = Map.of("vin", AttributeValue.fromS("VIN1"), "ePriceCents", AttributeValue.fromN("2749900"));
        var oldImage = Map.of("vin", AttributeValue.fromS("VIN1"), "ePriceCents", AttributeValue.fromN("2799900"));
        JsonNode event = StreamEvents.event(List.of(record("100", OperationType.MODIFY, newImage, oldImage),
                record("200", OperationType.INSERT, newImage, null)), STREAM, "us-east-1");
        JsonNode first = event.at("/Records/0");
        assertEquals("ev-100", first.get("eventID").asText());
        assertEquals("MODIFY", first.get("eventName").asText());
        assertEquals("1.1", first.get("eventVersion").asText());
        assertEquals("aws:dynamodb", first.get("eventSource").asText());
        assertEquals("us-east-1", first.get("awsRegion").asText());
        assertEquals(STREAM, first.get("eventSourceARN").asText());
        JsonNode dynamodb = first.get("dynamodb");
        assertEquals(Instant.parse("2026-11-26T07:00:01Z").getEpochSecond(), dynamodb.get("ApproximateCreationDateTime").asLong());
        assertEquals("{\"vin\":{\"S\":\"VIN1\"}}", Json.write(dynamodb.get("Keys")));
        assertEquals("2749900", dynamodb.at("/NewImage/ePriceCents/N").asText());
        assertEquals("2799900", dynamodb.at("/OldImage/ePriceCents/N").asText());
        assertEquals("100", dynamodb.get("SequenceNumber").asText());
        assertEquals(42, dynamodb.get("SizeBytes").asLong());
        assertEquals("NEW_AND_OLD_IMAGES", dynamodb.get("StreamViewType").asText());
        assertFalse(event.at("/Records/1/dynamodb").has("OldImage"));
    }

    @Test
    void writesEveryAttributeTypeInDynamoDbJson() {
        var item = Map.of(
                "s", AttributeValue.fromS("text"),
                "n", AttributeValue.fromN("1.5"),
                "b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[]{1, 2})),
                "bool", AttributeValue.fromBool(true),
                "null", AttributeValue.fromNul(true),
                "m", AttributeValue.fromM(Map.of("k", AttributeValue.fromS("v"))),
                "l", AttributeValue.fromL(List.of(AttributeValue.fromN("1"), AttributeValue.fromS("x"))),
                "ss", AttributeValue.fromSs(List.of("a", "b")),
                "ns", AttributeValue.fromNs(List.of("1", "2")),
                "bs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[]{3}))));
        JsonNode json = StreamEvents.item(item);
        assertEquals("{\"S\":\"text\"}", Json.write(json.get("s")));
        assertEquals("{\"N\":\"1.5\"}", Json.write(json.get("n")));
        assertEquals("{\"B\":\"AQI=\"}", Json.write(json.get("b")));
        assertEquals("{\"BOOL\":true}", Json.write(json.get("bool")));
        assertEquals("{\"NULL\":true}", Json.write(json.get("null")));
        assertEquals("{\"M\":{\"k\":{\"S\":\"v\"}}}", Json.write(json.get("m")));
        assertEquals("{\"L\":[{\"N\":\"1\"},{\"S\":\"x\"}]}", Json.write(json.get("l")));
        assertEquals("{\"SS\":[\"a\",\"b\"]}", Json.write(json.get("ss")));
        assertEquals("{\"NS\":[\"1\",\"2\"]}", Json.write(json.get("ns")));
        assertEquals("{\"BS\":[\"Aw==\"]}", Json.write(json.get("bs")));
    }
}
