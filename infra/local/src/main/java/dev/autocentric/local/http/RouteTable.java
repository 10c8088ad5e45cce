package dev.autocentric.local.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the route for a request as API Gateway HTTP APIs do: the most specific match wins —
 * segment by segment from the left, a literal beats a {@code {param}}, which beats a greedy
 * {@code {proxy+}}; a route's own method beats {@code ANY}; {@code $default} only when nothing else matches.
 */
public final class RouteTable {

    /** The chosen route, with its path parameters (percent-decoded). */
    public record Match(Route route, Map<String, String> pathParameters) {
    }

    private record Candidate(Route route, Map<String, String> parameters, int[] rank, boolean anyMethod) {
    }

    private static final int LITERAL = 0;
    private static final int PARAMETER = 1;
    private static final int GREEDY = 2;

    private static final Comparator<Candidate> MOST_SPECIFIC_FIRST = (a, b) -> {
        int byPath = Arrays.compare(a.rank(), b.rank());
        return byPath != 0 ? byPath : Boolean.compare(a.anyMethod(), b.anyMethod());
    };

    private final List<Route> routes = new ArrayList<>();

    public RouteTable add(Route route) {
        boolean duplicate = routes.stream().anyMatch(r -> r.routeKey().equals(route.routeKey()));
        if (duplicate) {
            throw new IllegalArgumentException("two functions declare the route " + route.routeKey());
        }
        routes.add(route);
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    public Optional<Match> match(String method, String rawPath) {
        String verb = method.toUpperCase(Locale.ROOT);
        List<String> request = split(rawPath);
        Optional<Candidate> best = routes.stream()
                .filter(r -> !r.isDefault())
                .filter(r -> r.method().equals(Route.ANY) || r.method().equals(verb))
                .map(r -> candidate(r, request))
                .flatMap(Optional::stream)
                .min(MOST_SPECIFIC_FIRST);
        if (best.isPresent()) {
            return Optional.of(new Match(best.get().route(), best.get().parameters()));
        }
        return routes.stream().filter(Route::isDefault).findFirst().map(r -> new Match(r, Map.of()));
    }

    private static Optional<Candidate> candidate(Route route, List<String> request) {
        List<String> pattern = route.segments();
        var parameters = new LinkedHashMap<String, String>();
        int[] rank = new int[pattern.size()];
        for (int i = 0; i < pattern.size(); i++) {
            String segment = pattern.get(i);
            boolean last = i == pattern.size() - 1;
            if (segment.startsWith("{") && segment.endsWith("+}") && last) {
                if (request.size() <= i) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 2),
                        decode(String.join("/", request.subList(i, request.size()))));
                rank[i] = GREEDY;
                return Optional.of(new Candidate(route, parameters, rank, route.method().equals(Route.ANY)));
            }
            if (request.size() <= i) {
                return Optional.empty();
            }
            String actual = request.get(i);
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (actual.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 1), decode(actual));
                rank[i] = PARAMETER;
            } else if (segment.equals(actual)) {
                rank[i] = LITERAL;
            } else {
                return Optional.empty();
            }
        }
        if (request.size() != pattern.size()) {
            return Optional.empty();
        }
        return Optional.of(new Candidate(route, parameters, rank, route.method().equals(Route.ANY)));
    }

    /** Path segments, ignoring the leading slash and a trailing one. */
    static List<String> split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.isEmpty()) {
            return List.of();
        }
        return List.of(trimmed.split("/"));
    }

    /** Percent-decoding of a path segment: '+' stays '+', unlike form decoding. */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        return java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }
}
