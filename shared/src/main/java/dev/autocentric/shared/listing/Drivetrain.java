package dev.autocentric.shared.listing;

/** Driven wheels; FOUR_WD is a part-time or full-time 4x4. */
public enum Drivetrain {
    FWD, RWD, AWD, FOUR_WD
}
