package dev.autocentric.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.search.SearchSort.Position;
import dev.autocentric.shared.geo.ZipCentroid;
import dev.autocentric.shared.geo.ZipCentroids;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.listing.BodyStyle;
import dev.autocentric.shared.listing.Condition;
import dev.autocentric.shared.listing.Drivetrain;
import dev.autocentric.shared.listing.Fuel;
import dev.autocentric.shared.dynamo.MarketStatsRepository;
import dev.autocentric.shared.paging.PageCursor;
import dev.autocentric.shared.pricing.DealAssessment;
import dev.autocentric.shared.pricing.MarketSegment;
import dev.autocentric.shared.pricing.MarketStats;
import dev.autocentric.shared.problem.FieldError;
import dev.autocentric.shared.problem.Problem;
import dev.autocentric.shared.problem.ProblemException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code GET /v1/search}: reads the query string into a {@link SearchQuery} (every problem with it
 * reported at once, by parameter), resumes from a signed cursor, runs the {@link SearchEngine}
 * and writes the page.
 *
 * <p>Each result carries its deal rating (the pricing rule of {@link DealAssessment}, from the
 * stream-kept market statistics, read for the whole page with one BatchGetItem).
 *
 * <p>Defaults: {@code limit} 20; {@code sort} distance when a ZIP is given, else price. A ZIP
 * without {@code radiusMiles} searches nationwide and still reports distances.
 */
public final class SearchService {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 50;
    public static final int MAX_RADIUS = 500;
    private static final int MAX_TEXT = 60;
    private static final Set<String> PARAMETERS = Set.of("make", "model", "trim", "yearMin", "yearMax", "priceMin",
            "priceMax", "mileageMax", "condition", "bodyStyle", "fuel", "drivetrain", "exteriorColor", "zip",
            "radiusMiles", "sort", "limit", "cursor", "facets");

    private final SearchEngine engine;
    private final PageCursor cursors;
    private final MarketStatsRepository marketStats;

    /** {@code marketStats} may be null (no deal ratings in results), as in the benchmark and the oracle. */
    public SearchService(SearchEngine engine, PageCursor cursors, MarketStatsRepository marketStats) {
        this.engine = engine;
        this.cursors = cursors;
        this.marketStats = marketStats;
    }

    /** A page as the API answers it, and what it cost (for the response header and the bench). */
    public record Answer(ObjectNode body, SearchEngine.Result result) {
    }

    public Answer search(Map<String, List<String>> parameters) {
        Parsed parsed = parse(parameters);
        SearchEngine.Result result = engine.search(parsed.query, parsed.after);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode items = body.putArray("items");
        // deal ratings: the page's market segments in one BatchGetItem
        Map<String, MarketStats> stats = marketStats == null || result.hits().isEmpty() ? Map.of()
                : marketStats.getAll(result.hits().stream().map(h -> MarketSegment.of(h.listing().vehicle())).toList());
        for (Hit hit : result.hits()) {
            ObjectNode item = Json.MAPPER.valueToTree(hit.listing());
            if (hit.distanceMiles() != null) {
                item.put("distanceMiles", Math.round(hit.distanceMiles() * 10) / 10.0);
            }
            MarketStats segment = stats.get(MarketSegment.of(hit.listing().vehicle()));
            if (segment != null) {
                item.set("dealRating", Json.MAPPER.valueToTree(DealAssessment.of(hit.listing().vehicle().ePriceCents(), segment)));
            }
            items.add(item);
        }
        if (result.more()) {
            Hit last = result.hits().get(result.hits().size() - 1);
            Position p = parsed.query.sort().position(last);
            body.put("nextCursor", cursors.encode(scope(parsed.query),
                    Long.toHexString(Double.doubleToLongBits(p.value())) + "|" + p.vin()));
        }
        if (!parsed.query.facets().isEmpty() && parsed.after == null) {
            ObjectNode facets = body.putObject("facets");
            result.facets().forEach((facet, counts) -> {
                ObjectNode node = facets.putObject(facet.wire());
                counts.forEach(node::put);
            });
        }
        return new Answer(body, result);
    }

    private static String scope(SearchQuery q) {
        return "search:" + q.fingerprint();
    }

    private record Parsed(SearchQuery query, Position after) {
    }

    Parsed parse(Map<String, List<String>> parameters) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> p = new LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            if (!PARAMETERS.contains(name)) {
                errors.add(new FieldError(name, "unknown", "is not a search parameter"));
            } else if (values.size() > 1) {
                errors.add(new FieldError(name, "repeated", "give it once"));
            } else if (!values.isEmpty() && values.get(0) != null && !values.get(0).isBlank()) {
                p.put(name, values.get(0).trim());
            }
        });
        String make = text(p, "make", errors);
        String model = text(p, "model", errors);
        String trim = text(p, "trim", errors);
        String color = text(p, "exteriorColor", errors);
        Integer yearMin = integer(p, "yearMin", 1900, 2100, errors);
        Integer yearMax = integer(p, "yearMax", 1900, 2100, errors);
        Long priceMin = cents(p, "priceMin", errors);
        Long priceMax = cents(p, "priceMax", errors);
        Integer mileageMax = integer(p, "mileageMax", 0, 2_000_000, errors);
        Condition condition = choice(p, "condition", Condition::valueOf, errors);
        BodyStyle bodyStyle = choice(p, "bodyStyle", BodyStyle::valueOf, errors);
        Fuel fuel = choice(p, "fuel", Fuel::valueOf, errors);
        Drivetrain drivetrain = choice(p, "drivetrain", text -> {
            Drivetrain d = Drivetrain.fromWire(text);
            if (d == null) {
                throw new IllegalArgumentException(text);
            }
            return d;
        }, errors);
        Integer radius = integer(p, "radiusMiles", 1, MAX_RADIUS, errors);
        Integer limit = integer(p, "limit", 1, MAX_LIMIT, errors);
        ZipCentroid origin = null;
        String zip = p.get("zip");
        if (zip != null) {
            if (!ZipCentroids.isWellFormed(zip)) {
                errors.add(new FieldError("zip", "format", "must be 5 digits"));
            } else {
                origin = ZipCentroids.get().find(zip).orElse(null);
                if (origin == null) {
                    errors.add(new FieldError("zip", "unknown", "is not a known US ZIP code"));
                }
            }
        }
        if (p.containsKey("radiusMiles") && zip == null) {
            errors.add(new FieldError("radiusMiles", "requires-zip", "a radius needs a zip to measure from"));
        }
        SearchSort sort = zip != null ? SearchSort.DISTANCE : SearchSort.PRICE;
        if (p.containsKey("sort")) {
            Optional<SearchSort> s = SearchSort.fromWire(p.get("sort"));
            if (s.isEmpty()) {
                errors.add(new FieldError("sort", "unknown", "must be one of price, -price, distance, year, -year, mileage"));
            } else {
                sort = s.get();
                if (sort == SearchSort.DISTANCE && zip == null) {
                    errors.add(new FieldError("sort", "requires-zip", "sorting by distance needs a zip"));
                }
            }
        }
        if (yearMin != null && yearMax != null && yearMin > yearMax) {
            errors.add(new FieldError("yearMin", "range", "must not exceed yearMax"));
        }
        if (priceMin != null && priceMax != null && priceMin > priceMax) {
            errors.add(new FieldError("priceMin", "range", "must not exceed priceMax"));
        }
        Set<SearchQuery.Facet> facets = EnumSet.noneOf(SearchQuery.Facet.class);
        if (p.containsKey("facets")) {
            for (String name : p.get("facets").split(",", -1)) {
                Optional<SearchQuery.Facet> f = SearchQuery.Facet.fromWire(name.trim());
                if (f.isEmpty()) {
                    errors.add(new FieldError("facets", "unknown", "'" + name.trim()
                            + "' is not one of make, model, bodyStyle, condition, fuel"));
                } else {
                    facets.add(f.get());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.validation(errors));
        }
        SearchQuery query = new SearchQuery(make, model, trim, yearMin, yearMax, priceMin, priceMax, mileageMax,
                condition, bodyStyle, fuel, drivetrain, color, origin, radius, sort,
                limit == null ? DEFAULT_LIMIT : limit, facets);
        Position after = null;
        if (p.containsKey("cursor")) {
            after = cursors.decode(scope(query), p.get("cursor")).flatMap(SearchService::position).orElseThrow(() ->
                    new ProblemException(Problem.validation(List.of(new FieldError("cursor", "invalid",
                            "is not a cursor of this search (altered, or from a search with other filters)")))));
        }
        return new Parsed(query, after);
    }

    private static Optional<Position> position(String text) {
        int bar = text.indexOf('|');
        if (bar <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Position(Double.longBitsToDouble(Long.parseUnsignedLong(text.substring(0, bar), 16)),
                    text.substring(bar + 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String text(Map<String, String> p, String name, List<FieldError> errors) {
        String value = p.get(name);
        if (value != null && value.length() > MAX_TEXT) {
            errors.add(new FieldError(name, "length", "must be at most " + MAX_TEXT + " characters"));
            return null;
        }
        return value;
    }

    private static Integer integer(Map<String, String> p, String name, int min, int max, List<FieldError> errors) {
        String value = p.get(name);
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                errors.add(new FieldError(name, "range", "must be from " + min + " to " + max));
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "type", "must be a whole number"));
            return null;
        }
    }

    private static Long cents(Map<String, String> p, String name, List<FieldError> errors) {
        String value = p.get(name);
        if (value == null) {
            return null;
        }
        try {
            long n = Long.parseLong(value);
            if (n < 0 || n > 9_999_999_999L) {
                errors.add(new FieldError(name, "range", "must be whole cents from 0 to 9999999999"));
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "type", "must be whole cents"));
            return null;
        }
    }

    private static <E> E choice(Map<String, String> p, String name, Function<String, E> parse, List<FieldError> errors) {
        String value = p.get(name);
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(name, "unknown", "'" + value + "' is not a known " + name));
            return null;
        }
    }
}
