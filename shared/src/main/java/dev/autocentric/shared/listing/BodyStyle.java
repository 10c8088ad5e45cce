package dev.autocentric.shared.listing;

/** Body style as buyers filter on it. */
public enum BodyStyle {
    SEDAN, COUPE, HATCHBACK, WAGON, CONVERTIBLE, SUV, CROSSOVER, PICKUP, VAN, MINIVAN
}
