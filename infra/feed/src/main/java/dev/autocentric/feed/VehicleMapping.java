package dev.autocentric.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one export row into the API's vehicle body, or into the reasons it cannot be one.
 *
 * <p>Only what the export's wording decides is checked here: a cell that is not a number, an
 * amount, a yes/no or one of our enum values refuses the row, since no vehicle could be sent for
 * it. Everything the API rules on (VIN check digit, ranges, required fields, the price band) is
 * left to the API, which answers each item with its errors; empty cells are left out of the body,
 * so a missing required value comes back from the API as "required".
 */
final class VehicleMapping {

    /** What became of a row. */
    sealed interface Mapped {
        int row();

        /** The row's VIN, upper-cased as the API keys it, or "" when the cell is empty. */
        String vin();
    }

    /** A vehicle body ready to send. */
    record Vehicle(int row, String vin, ObjectNode body) implements Mapped {
    }

    /** A row that is not sent, and why. */
    record Refused(int row, String vin, List<String> reasons) implements Mapped {
    }

    private final ExportHeader header;

    VehicleMapping(ExportHeader header) {
        this.header = header;
    }

    Mapped map(CsvReader.Row row) {
        List<String> reasons = new ArrayList<>();
        List<String> cells = row.fields();
        if (cells.size() > header.width() && !cells.subList(header.width(), cells.size()).stream()
                .allMatch(String::isBlank)) {
            reasons.add("the row has " + cells.size() + " fields but the header has " + header.width()
                    + " (a value with a comma that is not in quotes?)");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        String vin = cell(cells, ExportColumn.VIN);
        put(body, cells, ExportColumn.VIN, TextNode::valueOf, reasons);
        put(body, cells, ExportColumn.STOCK_NUMBER, TextNode::valueOf, reasons);
        put(body, cells, ExportColumn.CONDITION, oneOf(Vocabulary.CONDITIONS), reasons);
        put(body, cells, ExportColumn.YEAR, WHOLE_NUMBER, reasons);
        put(body, cells, ExportColumn.MAKE, TextNode::valueOf, reasons);
        put(body, cells, ExportColumn.MODEL, TextNode::valueOf, reasons);
        put(body, cells, ExportColumn.TRIM, TextNode::valueOf, reasons);
        put(body, cells, ExportColumn.BODY, oneOf(Vocabulary.BODY_STYLES), reasons);
        put(body, cells, ExportColumn.FUEL, oneOf(Vocabulary.FUELS), reasons);
        put(body, cells, ExportColumn.DRIVETRAIN, oneOf(Vocabulary.DRIVETRAINS), reasons);
        put(body, cells, ExportColumn.TRANSMISSION, oneOf(Vocabulary.TRANSMISSIONS), reasons);
        put(body, cells, ExportColumn.EXTERIOR_COLOR, TextNode::valueOf, reasons);
        put(body, cells, ExportColumn.INTERIOR_COLOR, TextNode::valueOf, reasons);
        put(body, cells, ExportColumn.MILEAGE, WHOLE_NUMBER, reasons);
        put(body, cells, ExportColumn.MSRP, DOLLARS, reasons);
        put(body, cells, ExportColumn.INTERNET_PRICE, DOLLARS, reasons);
        put(body, cells, ExportColumn.LISTED, text -> BooleanNode.valueOf(ExportValues.flag(text)), reasons);
        put(body, cells, ExportColumn.PHOTOS, text -> strings(ExportValues.list(text, true)), reasons);
        put(body, cells, ExportColumn.OPTIONS, text -> strings(ExportValues.list(text, false)), reasons);
        String key = vin.toUpperCase(Locale.ROOT);
        return reasons.isEmpty() ? new Vehicle(row.number(), key, body) : new Refused(row.number(), key, reasons);
    }

    /** "Body: ..." with the export's own header, so the dealer finds the cell. */
    String reason(ExportColumn column, String message) {
        return header.headerOf(column) + ": " + message;
    }

    private String cell(List<String> cells, ExportColumn column) {
        int at = header.position(column);
        return at < 0 || at >= cells.size() ? "" : cells.get(at).strip();
    }

    /** Reads a non-empty cell into its JSON value, or throws why it cannot. */
    @FunctionalInterface
    private interface CellValue {
        JsonNode read(String text) throws ExportValues.BadValueException;
    }

    private static final CellValue WHOLE_NUMBER = text -> LongNode.valueOf(ExportValues.wholeNumber(text));
    private static final CellValue DOLLARS = text -> LongNode.valueOf(ExportValues.cents(text));

    private static <E extends Enum<E>> CellValue oneOf(Vocabulary<E> vocabulary) {
        return text -> {
            E constant = vocabulary.lookup(text);
            if (constant == null) {
                throw new ExportValues.BadValueException(vocabulary.refusal(text));
            }
            return TextNode.valueOf(vocabulary.apiValue(constant));
        };
    }

    private static JsonNode strings(List<String> entries) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        entries.forEach(array::add);
        return array;
    }

    /** Sets the column's field from its cell; an empty cell sets nothing, a bad one adds a reason. */
    private void put(ObjectNode body, List<String> cells, ExportColumn column, CellValue value, List<String> reasons) {
        String text = cell(cells, column);
        if (text.isEmpty()) {
            return;
        }
        try {
            body.set(column.apiField(), value.read(text));
        } catch (ExportValues.BadValueException e) {
            reasons.add(reason(column, e.getMessage()));
        }
    }
}
