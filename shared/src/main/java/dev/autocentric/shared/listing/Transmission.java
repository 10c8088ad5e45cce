package dev.autocentric.shared.listing;

/** Gearbox type. */
public enum Transmission {
    AUTOMATIC, MANUAL, CVT, DCT
}
