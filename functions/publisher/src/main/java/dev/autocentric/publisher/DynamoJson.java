package dev.autocentric.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/** DynamoDB JSON ({@code {"N": "5"}}) to plain JSON ({@code 5}), as stream images carry it. */
final class DynamoJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DynamoJson() {
    }

    /** The plain value of one typed attribute value, or null for null/absent. */
    static JsonNode plain(JsonNode typed) {
        if (typed == null || !typed.isObject() || typed.isEmpty()) {
            return null;
        }
        Map.Entry<String, JsonNode> only = typed.fields().next();
        JsonNode v = only.getValue();
        return switch (only.getKey()) {
            case "S", "B" -> NODES.textNode(v.asText());
            case "N" -> number(v.asText());
            case "BOOL" -> NODES.booleanNode(v.asBoolean());
            case "NULL" -> null;
            case "SS", "BS" -> {
                ArrayNode a = NODES.arrayNode();
                v.forEach(e -> a.add(e.asText()));
                yield a;
            }
            case "NS" -> {
                ArrayNode a = NODES.arrayNode();
                v.forEach(e -> a.add(number(e.asText())));
                yield a;
            }
            case "L" -> {
                ArrayNode a = NODES.arrayNode();
                v.forEach(e -> {
                    JsonNode p = plain(e);
                    a.add(p == null ? NODES.nullNode() : p);
                });
                yield a;
            }
            case "M" -> {
                ObjectNode o = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    JsonNode p = plain(f.getValue());
                    if (p != null) {
                        o.set(f.getKey(), p);
                    }
                }
                yield o;
            }
            default -> null;
        };
    }

    private static JsonNode number(String text) {
        BigDecimal d = new BigDecimal(text);
        if (d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0) {
            return NODES.numberNode(d.longValueExact());
        }
        return NODES.numberNode(d.doubleValue());
    }
}
