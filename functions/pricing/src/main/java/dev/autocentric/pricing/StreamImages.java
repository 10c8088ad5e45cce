package dev.autocentric.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB JSON (as a stream event carries images) to SDK attribute values. */
final class StreamImages {

    private StreamImages() {
    }

    static Map<String, AttributeValue> item(JsonNode image) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        image.fields().forEachRemaining(e -> item.put(e.getKey(), attribute(e.getValue())));
        return item;
    }

    static AttributeValue attribute(JsonNode node) {
        if (node.has("S")) {
            return AttributeValue.fromS(node.get("S").asText());
        }
        if (node.has("N")) {
            return AttributeValue.fromN(node.get("N").asText());
        }
        if (node.has("BOOL")) {
            return AttributeValue.fromBool(node.get("BOOL").asBoolean());
        }
        if (node.has("NULL")) {
            return AttributeValue.fromNul(true);
        }
        if (node.has("B")) {
            return AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(node.get("B").asText())));
        }
        if (node.has("M")) {
            return AttributeValue.fromM(item(node.get("M")));
        }
        if (node.has("L")) {
            List<AttributeValue> list = new ArrayList<>();
            node.get("L").forEach(v -> list.add(attribute(v)));
            return AttributeValue.fromL(list);
        }
        if (node.has("SS")) {
            List<String> set = new ArrayList<>();
            node.get("SS").forEach(v -> set.add(v.asText()));
            return AttributeValue.fromSs(set);
        }
        if (node.has("NS")) {
            List<String> set = new ArrayList<>();
            node.get("NS").forEach(v -> set.add(v.asText()));
            return AttributeValue.fromNs(set);
        }
        if (node.has("BS")) {
            List<SdkBytes> set = new ArrayList<>();
            node.get("BS").forEach(v -> set.add(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText()))));
            return AttributeValue.fromBs(set);
        }
        throw new IllegalArgumentException("not a DynamoDB JSON attribute value: " + node);
    }
}
