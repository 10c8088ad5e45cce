package dev.autocentric.shared.vin;

import java.util.Locale;
import java.util.Optional;

/**
 * A vehicle identification number (ISO 3779, 49 CFR 565).
 *
 * <p>Rules: 17 characters from {@code 0-9} and {@code A-Z} without {@code I}, {@code O} and
 * {@code Q}; input is upper-cased first. The check digit (position 9) is verified for
 * North-American VINs (first character {@code 1}-{@code 5}), where 49 CFR 565 makes it
 * mandatory; elsewhere it is optional in the standard and not checked.
 *
 * <p>Check digit: transliterate each character (digits as themselves; A1 B2 C3 D4 E5 F6 G7 H8
 * J1 K2 L3 M4 N5 P7 R9 S2 T3 U4 V5 W6 X7 Y8 Z9), multiply by the weights
 * 8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2, sum, take the sum mod 11; 10 is written {@code X}.
 */
public record Vin(String value) {

    public static final int LENGTH = 17;
    private static final int CHECK_POSITION = 8;
    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

    public Vin {
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        value = value.toUpperCase(Locale.ROOT);
    }

    /** Parses a VIN, upper-casing it; throws {@link IllegalArgumentException} naming the rule broken. */
    public static Vin of(String raw) {
        return new Vin(raw);
    }

    public static boolean isValid(String raw) {
        return problem(raw).isEmpty();
    }

    /** The reason a string is not a valid VIN, or empty when it is valid. */
    public static Optional<String> problem(String raw) {
        if (raw == null) {
            return Optional.of("VIN is missing");
        }
        String v = raw.toUpperCase(Locale.ROOT);
        if (v.length() != LENGTH) {
            return Optional.of("VIN must be 17 characters, was " + v.length());
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = v.charAt(i);
            if (c == 'I' || c == 'O' || c == 'Q') {
                return Optional.of("VIN must not contain I, O or Q (position " + (i + 1) + ")");
            }
            if (transliterate(c) < 0) {
                return Optional.of("VIN has an invalid character at position " + (i + 1));
            }
        }
        if (isNorthAmerican(v)) {
            char expected = checkDigit(v);
            if (v.charAt(CHECK_POSITION) != expected) {
                return Optional.of("VIN check digit (position 9) should be " + expected
                        + ", was " + v.charAt(CHECK_POSITION));
            }
        }
        return Optional.empty();
    }

    /** True for VINs whose world manufacturer identifier starts with 1-5 (USA, Canada, Mexico). */
    public static boolean isNorthAmerican(String vin) {
        char first = vin.charAt(0);
        return first >= '1' && first <= '5';
    }

    /**
     * The check digit for 17 VIN characters (position 9 is ignored: its weight is 0).
     *
     * @throws IllegalArgumentException when the length or a character is invalid
     */
    public static char checkDigit(String raw) {
        String v = raw.toUpperCase(Locale.ROOT);
        if (v.length() != LENGTH) {
            throw new IllegalArgumentException("VIN must be 17 characters");
        }
        int sum = 0;
        for (int i = 0; i < LENGTH; i++) {
            int t = transliterate(v.charAt(i));
            if (t < 0) {
                throw new IllegalArgumentException("invalid VIN character at position " + (i + 1));
            }
            sum += t * WEIGHTS[i];
        }
        int rest = sum % 11;
        return rest == 10 ? 'X' : (char) ('0' + rest);
    }

    /** Returns the VIN with its check digit set correctly (used by seed and test generators). */
    public static String withCheckDigit(String raw) {
        String v = raw.toUpperCase(Locale.ROOT);
        char digit = checkDigit(v);
        return v.substring(0, CHECK_POSITION) + digit + v.substring(CHECK_POSITION + 1);
    }

    /** Transliteration value of one character, or -1 when it may not appear in a VIN. */
    static int transliterate(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return switch (c) {
            case 'A', 'J' -> 1;
            case 'B', 'K', 'S' -> 2;
            case 'C', 'L', 'T' -> 3;
            case 'D', 'M', 'U' -> 4;
            case 'E', 'N', 'V' -> 5;
            case 'F', 'W' -> 6;
            case 'G', 'P', 'X' -> 7;
            case 'H', 'Y' -> 8;
            case 'R', 'Z' -> 9;
            default -> -1;
        };
    }

    @Override
    public String toString() {
        return value;
    }
}
