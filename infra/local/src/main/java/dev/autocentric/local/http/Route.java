package dev.autocentric.local.http;

import java.util.List;
import java.util.Locale;

/**
 * One HttpApi route: {@code METHOD /path} with {@code {param}} and a trailing greedy
 * {@code {name+}} segment, or {@code $default}, and the function it invokes.
 */
public record Route(String method, String path, String function) {

    static final String ANY = "ANY";
    static final String DEFAULT = "$default";

    public Route {
        method = method == null || method.isBlank() || method.equals("*") ? ANY : method.toUpperCase(Locale.ROOT);
        if (!path.equals(DEFAULT) && !path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with / : " + path);
        }
    }

    /** API Gateway's route key: {@code GET /v1/listings/{vin}}, or {@code $default}. */
    public String routeKey() {
        return path.equals(DEFAULT) ? DEFAULT : method + " " + path;
    }

    boolean isDefault() {
        return path.equals(DEFAULT);
    }

    List<String> segments() {
        return RouteTable.split(path);
    }
}
