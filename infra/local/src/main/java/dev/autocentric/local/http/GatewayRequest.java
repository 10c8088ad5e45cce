package dev.autocentric.local.http;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request as it reached the gateway.
 *
 * @param headers  header names as received (any case) to their values in arrival order
 * @param rawQuery the query string without '?', still percent-encoded; empty when none
 */
public record GatewayRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                             byte[] body, String sourceIp, String protocol, Instant time) {
}
