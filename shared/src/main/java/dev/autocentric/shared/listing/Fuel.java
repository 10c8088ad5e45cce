package dev.autocentric.shared.listing;

/** Fuel or energy source. */
public enum Fuel {
    GASOLINE, DIESEL, HYBRID, PLUG_IN_HYBRID, ELECTRIC, FLEX_FUEL, HYDROGEN
}
