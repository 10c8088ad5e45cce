package dev.autocentric.local.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** What the gateway answers: status, headers (a name may repeat, e.g. Set-Cookie) and body. */
public record GatewayResponse(int status, Map<String, List<String>> headers, byte[] body) {

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    static GatewayResponse message(int status, String message) {
        return new GatewayResponse(status, Map.of("content-type", List.of("application/json")),
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
