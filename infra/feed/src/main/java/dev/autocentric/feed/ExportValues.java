package dev.autocentric.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The values of an export as dealer systems write them, read into what the API takes: dollar
 * amounts into integer cents (exactly: digits are moved, never passed through a binary fraction),
 * counts into whole numbers, yes/no flags, and lists in one cell.
 */
final class ExportValues {

    /** A cell whose text is not a value of its column; the message says why, for the report. */
    static final class BadValueException extends Exception {
        BadValueException(String message) {
            super(message);
        }
    }

    /** 1,234,567 or 1234567: commas only as thousands separators. */
    private static final Pattern WHOLE = Pattern.compile("\\d{1,3}(,\\d{3})+|\\d+");
    private static final Pattern FRACTION = Pattern.compile("\\d*");
    private static final int MAX_DOLLAR_DIGITS = 13;
    private static final int MAX_COUNT_DIGITS = 9;

    private ExportValues() {
    }

    /**
     * Cents of a dollar amount: an optional minus, an optional {@code $}, digits with or without
     * thousands commas, and at most two decimals (further decimals only if zero):
     * {@code "$27,499.00"} is 2749900, {@code "27499.5"} 2749950, {@code "-$5"} -500.
     */
    static long cents(String raw) throws BadValueException {
        String text = raw.strip();
        boolean negative = false;
        if (text.startsWith("-")) {
            negative = true;
            text = text.substring(1).strip();
        }
        if (text.startsWith("$")) {
            text = text.substring(1).strip();
        }
        if (!negative && text.startsWith("-")) {
            negative = true;
            text = text.substring(1).strip();
        }
        int point = text.indexOf('.');
        String whole = point < 0 ? text : text.substring(0, point);
        String fraction = point < 0 ? "" : text.substring(point + 1);
        if ((whole.isEmpty() && fraction.isEmpty()) || !(whole.isEmpty() || WHOLE.matcher(whole).matches())
                || !FRACTION.matcher(fraction).matches()) {
            throw new BadValueException("\"" + raw.strip() + "\" is not a dollar amount");
        }
        String digits = whole.replace(",", "");
        if (digits.length() > MAX_DOLLAR_DIGITS) {
            throw new BadValueException("\"" + raw.strip() + "\" is too large an amount");
        }
        String trimmed = fraction.length() > 2 ? fraction.substring(0, 2) : fraction;
        if (fraction.length() > 2 && !fraction.substring(2).chars().allMatch(c -> c == '0')) {
            throw new BadValueException("\"" + raw.strip() + "\" has fractions of a cent");
        }
        long cents = (digits.isEmpty() ? 0 : Long.parseLong(digits)) * 100
                + (trimmed.isEmpty() ? 0 : Long.parseLong((trimmed + "0").substring(0, 2)));
        return negative ? -cents : cents;
    }

    /** A whole number such as a model year or a mileage: {@code "31,250"}, {@code "-5"}, {@code "12.0"}. */
    static long wholeNumber(String raw) throws BadValueException {
        String text = raw.strip();
        boolean negative = text.startsWith("-");
        if (negative) {
            text = text.substring(1).strip();
        }
        int point = text.indexOf('.');
        if (point >= 0) {
            if (!text.substring(point + 1).chars().allMatch(c -> c == '0')) {
                throw new BadValueException("\"" + raw.strip() + "\" is not a whole number");
            }
            text = text.substring(0, point);
        }
        if (!WHOLE.matcher(text).matches()) {
            throw new BadValueException("\"" + raw.strip() + "\" is not a whole number");
        }
        String digits = text.replace(",", "");
        if (digits.length() > MAX_COUNT_DIGITS) {
            throw new BadValueException("\"" + raw.strip() + "\" is too large");
        }
        long value = Long.parseLong(digits);
        return negative ? -value : value;
    }

    /** A yes/no cell: yes, y, true, 1, listed, on, x; or no, n, false, 0, unlisted, off. */
    static boolean flag(String raw) throws BadValueException {
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "y", "true", "t", "1", "listed", "on", "x" -> true;
            case "no", "n", "false", "f", "0", "unlisted", "off" -> false;
            default -> throw new BadValueException("\"" + raw.strip() + "\" is not yes or no");
        };
    }

    /**
     * The entries of a list cell: split on {@code |} when the cell has one (so a URL may hold
     * commas), else on commas, and for URL lists also on white space; blanks dropped.
     */
    static List<String> list(String raw, boolean urls) {
        String separators = raw.indexOf('|') >= 0 ? "\\|" : urls ? "[,\\s]+" : ",";
        List<String> entries = new ArrayList<>();
        for (String part : raw.split(separators)) {
            String entry = part.strip();
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        return entries;
    }
}
