package dev.autocentric.feed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each of our columns sits in an export, read from its header row.
 *
 * <p>Rules: headers are matched by {@link ExportColumn#forHeader}; a header that names none of ours
 * is ignored (and listed, so a misspelt one is noticed); two headers for one column are an error,
 * since either choice could push the wrong value; an export without a VIN column is an error.
 */
final class ExportHeader {

    /** Columns whose absence makes every row fail in the API (it requires the field). */
    static final Set<ExportColumn> REQUIRED_BY_API = EnumSet.of(ExportColumn.VIN, ExportColumn.CONDITION,
            ExportColumn.YEAR, ExportColumn.MAKE, ExportColumn.MODEL, ExportColumn.BODY, ExportColumn.MILEAGE,
            ExportColumn.MSRP, ExportColumn.INTERNET_PRICE, ExportColumn.DRIVETRAIN, ExportColumn.FUEL,
            ExportColumn.TRANSMISSION);

    /** The header cannot be used. */
    static final class UnusableHeaderException extends Exception {
        UnusableHeaderException(String message) {
            super(message);
        }
    }

    private final Map<ExportColumn, Integer> positions;
    private final List<String> headers;
    private final List<String> ignored;

    private ExportHeader(Map<ExportColumn, Integer> positions, List<String> headers, List<String> ignored) {
        this.positions = positions;
        this.headers = headers;
        this.ignored = ignored;
    }

    static ExportHeader read(List<String> headerRow) throws UnusableHeaderException {
        Map<ExportColumn, Integer> positions = new EnumMap<>(ExportColumn.class);
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < headerRow.size(); i++) {
            String header = headerRow.get(i);
            if (header.isBlank()) {
                continue;
            }
            ExportColumn column = ExportColumn.forHeader(header);
            if (column == null) {
                ignored.add(header.trim());
                continue;
            }
            Integer earlier = positions.putIfAbsent(column, i);
            if (earlier != null) {
                throw new UnusableHeaderException("the headers \"" + headerRow.get(earlier).trim() + "\" and \""
                        + header.trim() + "\" both name the " + column.label() + " column; rename or drop one");
            }
        }
        if (!positions.containsKey(ExportColumn.VIN)) {
            throw new UnusableHeaderException("the header row has no VIN column (looked for "
                    + String.join(", ", ExportColumn.VIN.names()) + ", in any case)");
        }
        return new ExportHeader(positions, List.copyOf(headerRow), List.copyOf(ignored));
    }

    /** The column's position in a row, or -1 when the export lacks it. */
    int position(ExportColumn column) {
        return positions.getOrDefault(column, -1);
    }

    boolean has(ExportColumn column) {
        return positions.containsKey(column);
    }

    /** The header text the export uses for a column (for messages), or our label when it lacks it. */
    String headerOf(ExportColumn column) {
        Integer at = positions.get(column);
        return at == null ? column.label() : headers.get(at).trim();
    }

    /** How many fields the header row has. */
    int width() {
        return headers.size();
    }

    /** Headers that name none of our columns, as written. */
    List<String> ignored() {
        return ignored;
    }

    /** Columns the API requires that this export does not have. */
    List<ExportColumn> missingRequired() {
        List<ExportColumn> missing = new ArrayList<>();
        for (ExportColumn column : REQUIRED_BY_API) {
            if (!positions.containsKey(column)) {
                missing.add(column);
            }
        }
        return Collections.unmodifiableList(missing);
    }
}
