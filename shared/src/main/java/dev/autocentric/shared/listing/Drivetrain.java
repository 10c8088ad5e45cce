package dev.autocentric.shared.listing;

import com.fasterxml.jackson.annotation.JsonValue;

/** Driven wheels. On the wire (and in the table) a 4x4 is "4WD", the word dealer feeds use. */
public enum Drivetrain {
    FWD("FWD"), RWD("RWD"), AWD("AWD"), FOUR_WD("4WD");

    private final String wire;

    Drivetrain(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** The drivetrain written {@code text} on the wire, or null when there is none. */
    public static Drivetrain fromWire(String text) {
        for (Drivetrain d : values()) {
            if (d.wire.equals(text)) {
                return d;
            }
        }
        return null;
    }
}
