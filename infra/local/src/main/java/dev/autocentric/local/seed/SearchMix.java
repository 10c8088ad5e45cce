package dev.autocentric.local.seed;

import dev.autocentric.shared.listing.Listing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * The buyer searches the search benchmark and the search cost test measure, by class: each class
 * draws its query parameters around one searchable listing of the generated corpus (its model,
 * its dealer's ZIP, its body style and condition), so every query has something to find.
 */
public final class SearchMix {

    public static final int LIMIT = 20;

    private SearchMix() {
    }

    /** A query class: a name, what it asks, and how to draw one of its queries around a listing. */
    public record QueryClass(String name, String description, BiFunction<Listing, Random, Map<String, String>> draw) {
    }

    public static List<QueryClass> classes() {
        List<QueryClass> out = new ArrayList<>();
        out.add(new QueryClass("modelNearest", "model, zip, radius 50-200 mi, sort=distance (nearest dealers with this model)",
                (l, r) -> q("model", l.vehicle().model(), "zip", l.dealerZip(), "radiusMiles", "" + (50 + r.nextInt(151)),
                        "sort", "distance")));
        out.add(new QueryClass("modelNearPrice", "model, zip, radius 25-60 mi, sort=price",
                (l, r) -> q("model", l.vehicle().model(), "zip", l.dealerZip(), "radiusMiles", "" + (25 + r.nextInt(36)),
                        "sort", "price")));
        out.add(new QueryClass("modelWidePrice", "model, zip, radius 150-500 mi, sort=-price",
                (l, r) -> q("model", l.vehicle().model(), "zip", l.dealerZip(), "radiusMiles", "" + (150 + r.nextInt(351)),
                        "sort", "-price")));
        out.add(new QueryClass("modelNationalPrice", "make and model nationwide, sort=price",
                (l, r) -> q("make", l.vehicle().make(), "model", l.vehicle().model(), "sort", "price")));
        out.add(new QueryClass("nearest", "zip, radius 10-100 mi, sort=distance, no other filter",
                (l, r) -> q("zip", l.dealerZip(), "radiusMiles", "" + (10 + r.nextInt(91)), "sort", "distance")));
        out.add(new QueryClass("filteredNearest", "bodyStyle and condition, zip, radius 50 mi, sort=distance",
                (l, r) -> q("bodyStyle", l.vehicle().bodyStyle().name(), "condition", l.vehicle().condition().name(),
                        "zip", l.dealerZip(), "radiusMiles", "50", "sort", "distance")));
        out.add(new QueryClass("nationalPrice", "nationwide, no filter, sort=price",
                (l, r) -> q("sort", "price")));
        out.add(new QueryClass("modelNearYear", "model, zip, radius 25-100 mi, sort=-year (collected, sorted in memory)",
                (l, r) -> q("model", l.vehicle().model(), "zip", l.dealerZip(), "radiusMiles", "" + (25 + r.nextInt(76)),
                        "sort", "-year")));
        out.add(new QueryClass("modelNearFacets", "model, zip, radius 50 mi, sort=distance, facets=bodyStyle,condition,make",
                (l, r) -> q("model", l.vehicle().model(), "zip", l.dealerZip(), "radiusMiles", "50", "sort", "distance",
                        "facets", "bodyStyle,condition,make")));
        out.add(new QueryClass("nearPrice", "zip, radius 10-25 mi, sort=price, no model",
                (l, r) -> q("zip", l.dealerZip(), "radiusMiles", "" + (10 + r.nextInt(16)), "sort", "price")));
        return out;
    }

    private static Map<String, String> q(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        m.put("limit", Integer.toString(LIMIT));
        return m;
    }
}
