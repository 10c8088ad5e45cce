package dev.autocentric.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One DynamoDB stream record as Lambda delivers it: images stay in DynamoDB JSON
 * ({@code {"price": {"N": "5"}}}) and are read through {@link #attribute}.
 *
 * @param eventId     the stream record's {@code eventID}, unique within the stream
 * @param eventName   INSERT, MODIFY or REMOVE
 * @param sourceArn   the stream's ARN (names the table)
 * @param approximate {@code ApproximateCreationDateTime} of the change
 * @param oldImage    the item before the change, or null (INSERT)
 * @param newImage    the item after the change, or null (REMOVE)
 */
public record StreamRecord(String eventId, String eventName, String sourceArn, Instant approximate,
                           ObjectNode oldImage, ObjectNode newImage) {

    /** Reads one record of a Lambda DynamoDB stream event. */
    public static StreamRecord of(JsonNode record) {
        JsonNode ddb = record.path("dynamodb");
        JsonNode created = ddb.path("ApproximateCreationDateTime");
        Instant approximate = created.isNumber()
                ? Instant.ofEpochMilli((long) (created.asDouble() * 1000))
                : Instant.now();
        return new StreamRecord(record.path("eventID").asText(), record.path("eventName").asText(),
                record.path("eventSourceARN").asText(), approximate,
                ddb.get("OldImage") instanceof ObjectNode o ? o : null,
                ddb.get("NewImage") instanceof ObjectNode n ? n : null);
    }

    /** The plain JSON value of an attribute of an image, or null when absent. */
    public static JsonNode attribute(ObjectNode image, String name) {
        return image == null ? null : DynamoJson.plain(image.get(name));
    }

    /** The text of an attribute of an image, or null when absent. */
    public static String text(ObjectNode image, String name) {
        JsonNode value = attribute(image, name);
        return value == null ? null : value.asText();
    }

    /** The table name of a stream ARN ({@code arn:...:table/<name>/stream/<label>}). */
    public String tableName() {
        int start = sourceArn.indexOf(":table/");
        if (start < 0) {
            return "";
        }
        String rest = sourceArn.substring(start + ":table/".length());
        int end = rest.indexOf('/');
        return end < 0 ? rest : rest.substring(0, end);
    }

}
