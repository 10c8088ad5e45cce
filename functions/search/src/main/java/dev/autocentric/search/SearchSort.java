package dev.autocentric.search;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * The result orders. Every order is total: ties are broken by VIN, and a descending order is the
 * exact reverse of its ascending one (VIN descending at equal values), which is also the order a
 * backwards read of a price index gives.
 */
public enum SearchSort {
    PRICE("price", false),
    PRICE_DESC("-price", true),
    DISTANCE("distance", false),
    YEAR("year", false),
    YEAR_DESC("-year", true),
    MILEAGE("mileage", false);

    private final String wire;
    private final boolean descending;

    SearchSort(String wire, boolean descending) {
        this.wire = wire;
        this.descending = descending;
    }

    public String wire() {
        return wire;
    }

    public boolean descending() {
        return descending;
    }

    public static Optional<SearchSort> fromWire(String text) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(text)).findFirst();
    }

    /** The value a hit is ordered by (distances are exact doubles, the others whole numbers). */
    public double value(Hit hit) {
        return switch (this) {
            case PRICE, PRICE_DESC -> hit.listing().vehicle().ePriceCents();
            case DISTANCE -> hit.distanceMiles() == null ? 0 : hit.distanceMiles();
            case YEAR, YEAR_DESC -> hit.listing().vehicle().year();
            case MILEAGE -> hit.listing().vehicle().mileage();
        };
    }

    public Position position(Hit hit) {
        return new Position(value(hit), hit.listing().vin());
    }

    /** Negative when a comes first. */
    public int compare(Position a, Position b) {
        int c = Double.compare(a.value(), b.value());
        if (c == 0) {
            c = a.vin().compareTo(b.vin());
        }
        return descending ? -c : c;
    }

    public Comparator<Hit> hitOrder() {
        return (a, b) -> compare(position(a), position(b));
    }

    /** Where a page ended: the order value and VIN of its last hit. */
    public record Position(double value, String vin) {
    }
}
