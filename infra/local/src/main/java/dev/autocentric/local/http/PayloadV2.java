package dev.autocentric.local.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.local.Json;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * API Gateway HTTP API payload format 2.0: the event a route's function receives, and the mapping
 * of the function's answer back to HTTP (including the format's inferred response when the
 * function returns JSON without a {@code statusCode}).
 */
public final class PayloadV2 {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** hop-by-hop headers end at API Gateway's edge; the function never sees them */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "http2-settings");

    private final String apiId;
    private final String accountId;

    public PayloadV2(String apiId, String accountId) {
        this.apiId = apiId;
        this.accountId = accountId;
    }

    public ObjectNode event(GatewayRequest request, RouteTable.Match match, String requestId) {
        var headers = new TreeMap<String, String>();
        var cookies = new ArrayList<String>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                // 2.0 moves cookies out of the headers into their own array
                values.forEach(v -> {
                    for (String cookie : v.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                });
            } else if (!HOP_BY_HOP.contains(lower)) {
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        headers.putIfAbsent("x-forwarded-for", request.sourceIp());
        headers.putIfAbsent("x-forwarded-proto", "http");
        String host = headers.getOrDefault("host", "localhost");
        headers.putIfAbsent("x-forwarded-port", host.contains(":") ? host.substring(host.indexOf(':') + 1) : "80");
        headers.putIfAbsent("x-amzn-trace-id", "Root=1-" + Long.toHexString(request.time().getEpochSecond()) + "-"
                + requestId.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT));

        var event = Json.object();
        event.put("version", "2.0");
        event.put("routeKey", match.route().routeKey());
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery());
        if (!cookies.isEmpty()) {
            ArrayNode array = event.putArray("cookies");
            cookies.forEach(array::add);
        }
        ObjectNode headerNode = event.putObject("headers");
        headers.forEach(headerNode::put);
        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode q = event.putObject("queryStringParameters");
            query.forEach(q::put);
        }
        if (!match.pathParameters().isEmpty()) {
            ObjectNode p = event.putObject("pathParameters");
            match.pathParameters().forEach(p::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", accountId);
        context.put("apiId", apiId);
        String domain = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        context.put("domainName", domain);
        context.put("domainPrefix", domain.contains(".") ? domain.substring(0, domain.indexOf('.')) : domain);
        ObjectNode http = context.putObject("http");
        http.put("method", request.method().toUpperCase(Locale.ROOT));
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("requestId", requestId);
        context.put("routeKey", match.route().routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(request.time()));
        context.put("timeEpoch", request.time().toEpochMilli());
        byte[] body = request.body();
        if (body != null && body.length > 0) {
            boolean text = isText(headers.get("content-type"), body);
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** Repeated names are comma-joined, as API Gateway does in 2.0. */
    static Map<String, String> queryParameters(String rawQuery) {
        var parameters = new LinkedHashMap<String, String>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    /** Text media types travel as text; anything else (or bytes that are not UTF-8) as base64. */
    static boolean isText(String contentType, byte[] body) {
        if (contentType == null) {
            return isUtf8(body);
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        boolean textType = type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/javascript")
                || type.equals("application/x-www-form-urlencoded") || type.equals("application/graphql");
        return textType && isUtf8(body);
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * The HTTP answer for a function's response. A JSON object with {@code statusCode} is used as
     * given; any other valid JSON is the body of a 200 {@code application/json} answer, as 2.0 infers.
     */
    public static GatewayResponse response(byte[] payload) {
        JsonNode node;
        try {
            node = payload.length == 0 ? null : Json.parse(payload);
        } catch (IllegalArgumentException notJson) {
            return GatewayResponse.message(500, "Internal Server Error");
        }
        if (node == null || !node.isObject() || !node.has("statusCode")) {
            if (node == null) {
                return new GatewayResponse(200, Map.of("content-type", List.of("application/json")), new byte[0]);
            }
            // a JSON string answer becomes the body as it is written (with its quotes), as on AWS
            return new GatewayResponse(200, Map.of("content-type", List.of("application/json")), payload);
        }
        if (!node.get("statusCode").canConvertToInt()) {
            return GatewayResponse.message(500, "Internal Server Error");
        }
        int status = node.get("statusCode").asInt();
        var headers = new LinkedHashMap<String, List<String>>();
        if (node.path("multiValueHeaders").isObject()) {
            node.get("multiValueHeaders").properties().forEach(e -> {
                var values = new ArrayList<String>();
                e.getValue().forEach(v -> values.add(v.asText()));
                headers.put(e.getKey().toLowerCase(Locale.ROOT), values);
            });
        }
        if (node.path("headers").isObject()) {
            node.get("headers").properties().forEach(e ->
                    headers.put(e.getKey().toLowerCase(Locale.ROOT), new ArrayList<>(List.of(e.getValue().asText()))));
        }
        if (node.path("cookies").isArray() && !node.get("cookies").isEmpty()) {
            var setCookie = headers.computeIfAbsent("set-cookie", k -> new ArrayList<>());
            node.get("cookies").forEach(c -> setCookie.add(c.asText()));
        }
        byte[] body = new byte[0];
        JsonNode bodyNode = node.get("body");
        if (bodyNode != null && !bodyNode.isNull()) {
            String text = bodyNode.isTextual() ? bodyNode.asText() : Json.write(bodyNode);
            try {
                body = node.path("isBase64Encoded").asBoolean(false)
                        ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
            } catch (IllegalArgumentException badBase64) {
                return GatewayResponse.message(500, "Internal Server Error");
            }
        }
        return new GatewayResponse(status, headers, body);
    }
}
