package dev.autocentric.search;

import dev.autocentric.shared.geo.ZipCentroid;
import dev.autocentric.shared.listing.BodyStyle;
import dev.autocentric.shared.listing.Condition;
import dev.autocentric.shared.listing.Drivetrain;
import dev.autocentric.shared.listing.Fuel;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.routing.GreatCircle;
import dev.autocentric.shared.search.SearchKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validated search. Text filters (make, model, trim, exteriorColor) match case- and
 * spacing-insensitively; the enum filters exactly; ranges are inclusive. {@code origin} is the
 * buyer's ZIP centroid (null when no ZIP was given) and {@code radiusMiles} null means
 * nationwide. Only listed, AVAILABLE vehicles are ever in the indexes, so they are not filters.
 */
public record SearchQuery(
        String make, String model, String trim,
        Integer yearMin, Integer yearMax,
        Long priceMin, Long priceMax,
        Integer mileageMax,
        Condition condition, BodyStyle bodyStyle, Fuel fuel, Drivetrain drivetrain,
        String exteriorColor,
        ZipCentroid origin, Integer radiusMiles,
        SearchSort sort, int limit, Set<Facet> facets) {

    public SearchQuery {
        make = SearchKeys.fold(make);
        model = SearchKeys.fold(model);
        trim = SearchKeys.fold(trim);
        exteriorColor = SearchKeys.fold(exteriorColor);
        facets = facets == null ? Set.of() : Set.copyOf(facets);
        Objects.requireNonNull(sort, "sort");
    }

    /** The hit for a listing, or null when it does not match (filters and radius). */
    public Hit hit(Listing l) {
        var v = l.vehicle();
        if ((make != null && !make.equals(SearchKeys.fold(v.make())))
                || (model != null && !model.equals(SearchKeys.fold(v.model())))
                || (trim != null && !trim.equals(SearchKeys.fold(v.trim())))
                || (exteriorColor != null && !exteriorColor.equals(SearchKeys.fold(v.exteriorColor())))
                || (yearMin != null && v.year() < yearMin) || (yearMax != null && v.year() > yearMax)
                || (priceMin != null && v.ePriceCents() < priceMin) || (priceMax != null && v.ePriceCents() > priceMax)
                || (mileageMax != null && v.mileage() > mileageMax)
                || (condition != null && condition != v.condition()) || (bodyStyle != null && bodyStyle != v.bodyStyle())
                || (fuel != null && fuel != v.fuel()) || (drivetrain != null && drivetrain != v.drivetrain())) {
            return null;
        }
        Double distance = null;
        if (origin != null) {
            if (l.dealerLat() == null || l.dealerLon() == null) {
                return null;
            }
            distance = GreatCircle.miles(origin.lat(), origin.lon(), l.dealerLat(), l.dealerLon());
            if (radiusMiles != null && distance > radiusMiles) {
                return null;
            }
        }
        return new Hit(l, distance);
    }

    /**
     * What a cursor is bound to: every filter, the origin, radius and sort (not the page size or
     * facets, which a client may change between pages), hashed.
     */
    public String fingerprint() {
        String canonical = String.join("\u001f", List.of(String.valueOf(make), String.valueOf(model),
                String.valueOf(trim), String.valueOf(yearMin), String.valueOf(yearMax), String.valueOf(priceMin),
                String.valueOf(priceMax), String.valueOf(mileageMax), String.valueOf(condition),
                String.valueOf(bodyStyle), String.valueOf(fuel), String.valueOf(drivetrain),
                String.valueOf(exteriorColor), origin == null ? "-" : origin.zip(), String.valueOf(radiusMiles),
                sort.wire()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The facet dimensions a search can count. */
    public enum Facet {
        MAKE("make"), MODEL("model"), BODY_STYLE("bodyStyle"), CONDITION("condition"), FUEL("fuel");

        private final String wire;

        Facet(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Optional<Facet> fromWire(String text) {
            for (Facet f : values()) {
                if (f.wire.equals(text)) {
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        }

        /** The value a hit counts under: makes and models as the dealer spelled them, enums by name. */
        public String valueOf(Listing l) {
            var v = l.vehicle();
            return switch (this) {
                case MAKE -> v.make();
                case MODEL -> v.model();
                case BODY_STYLE -> v.bodyStyle() == null ? null : v.bodyStyle().name();
                case CONDITION -> v.condition() == null ? null : v.condition().name();
                case FUEL -> v.fuel() == null ? null : v.fuel().name();
            };
        }
    }
}
