package dev.autocentric.local.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP API's {@code CorsConfiguration}, applied as API Gateway applies it: the gateway answers a
 * browser's preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) itself with 204,
 * whatever the routes, and puts the CORS headers on every answer to an allowed {@code Origin},
 * replacing any a function set. A request from an origin not allowed gets no CORS headers, so the
 * browser refuses to hand the answer to the page.
 */
public record CorsPolicy(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                         List<String> exposeHeaders, Integer maxAgeSeconds, boolean allowCredentials) {

    private static final String ANY = "*";

    public CorsPolicy {
        allowOrigins = List.copyOf(allowOrigins);
        allowMethods = upper(allowMethods);
        allowHeaders = lower(allowHeaders);
        exposeHeaders = lower(exposeHeaders);
    }

    /** No CORS configuration: browsers may not call the API from other origins. */
    public static CorsPolicy none() {
        return new CorsPolicy(List.of(), List.of(), List.of(), List.of(), null, false);
    }

    /**
     * The policy of a resolved {@code CorsConfiguration} property: {@code true} allows every origin,
     * method and header (SAM's shorthand); a map names {@code AllowOrigins}, {@code AllowMethods},
     * {@code AllowHeaders}, {@code ExposeHeaders}, {@code MaxAge}, {@code AllowCredentials}.
     */
    public static CorsPolicy fromTemplate(Object configuration) {
        if (configuration == null || Boolean.FALSE.equals(configuration) || "false".equals(configuration)) {
            return none();
        }
        if (Boolean.TRUE.equals(configuration) || "true".equals(configuration)) {
            return new CorsPolicy(List.of(ANY), List.of(ANY), List.of(ANY), List.of(), null, false);
        }
        if (!(configuration instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("CorsConfiguration must be true or a mapping, not " + configuration);
        }
        Object maxAge = map.get("MaxAge");
        return new CorsPolicy(strings(map.get("AllowOrigins")), strings(map.get("AllowMethods")),
                strings(map.get("AllowHeaders")), strings(map.get("ExposeHeaders")),
                maxAge == null ? null : Integer.valueOf(String.valueOf(maxAge).trim()),
                Boolean.parseBoolean(String.valueOf(map.get("AllowCredentials"))));
    }

    public boolean enabled() {
        return !allowOrigins.isEmpty();
    }

    /** A browser's preflight: OPTIONS naming the method it wants to send. */
    public boolean isPreflight(String method, String origin, String requestMethod) {
        return enabled() && method.equalsIgnoreCase("OPTIONS") && origin != null && requestMethod != null;
    }

    /** The headers of the 204 answer to a preflight; none when the origin, method or a header is not allowed. */
    public Map<String, List<String>> preflight(String origin, String requestMethod, String requestHeaders) {
        if (!originAllowed(origin) || !methodAllowed(requestMethod)) {
            return Map.of();
        }
        List<String> asked = requestHeaders == null ? List.of() : lower(List.of(requestHeaders.split(",")));
        if (!allowHeaders.contains(ANY) && !allowHeaders.containsAll(asked)) {
            return Map.of();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(common(origin));
        headers.put("access-control-allow-methods", List.of(String.join(",", allowMethods)));
        if (!asked.isEmpty()) {
            headers.put("access-control-allow-headers",
                    List.of(String.join(",", allowHeaders.contains(ANY) ? asked : allowHeaders)));
        }
        if (maxAgeSeconds != null) {
            headers.put("access-control-max-age", List.of(String.valueOf(maxAgeSeconds)));
        }
        return headers;
    }

    /** The CORS headers of an answer to a request from {@code origin}; none when it is not allowed. */
    public Map<String, List<String>> responseHeaders(String origin) {
        if (!enabled() || !originAllowed(origin)) {
            return Map.of();
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(common(origin));
        if (!exposeHeaders.isEmpty()) {
            headers.put("access-control-expose-headers", List.of(String.join(",", exposeHeaders)));
        }
        return headers;
    }

    /** Whether a header name is one this policy owns (a function's own value is dropped). */
    public boolean owns(String headerName) {
        return enabled() && headerName.toLowerCase(Locale.ROOT).startsWith("access-control-");
    }

    private Map<String, List<String>> common(String origin) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        boolean wildcard = allowOrigins.contains(ANY) && !allowCredentials;
        headers.put("access-control-allow-origin", List.of(wildcard ? ANY : origin));
        if (allowCredentials) {
            headers.put("access-control-allow-credentials", List.of("true"));
        }
        if (!wildcard) {
            headers.put("vary", List.of("Origin"));
        }
        return headers;
    }

    private boolean originAllowed(String origin) {
        if (origin == null || origin.isBlank()) {
            return false;
        }
        return allowOrigins.contains(ANY) || allowOrigins.stream().anyMatch(o -> o.equalsIgnoreCase(origin.trim()));
    }

    private boolean methodAllowed(String method) {
        return allowMethods.contains(ANY) || allowMethods.contains(method.trim().toUpperCase(Locale.ROOT));
    }

    /** A list property: a YAML list, or a comma-separated string (a CommaDelimitedList parameter). */
    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> out.addAll(strings(v)));
        } else if (value != null) {
            for (String part : String.valueOf(value).split(",")) {
                Optional.of(part.trim()).filter(p -> !p.isEmpty()).ifPresent(out::add);
            }
        }
        return out;
    }

    private static List<String> upper(List<String> values) {
        return values.stream().map(v -> v.trim().toUpperCase(Locale.ROOT)).filter(v -> !v.isEmpty()).toList();
    }

    private static List<String> lower(List<String> values) {
        return values.stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).filter(v -> !v.isEmpty()).toList();
    }
}
