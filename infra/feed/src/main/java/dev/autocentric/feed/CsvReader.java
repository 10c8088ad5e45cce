package dev.autocentric.feed;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads comma-separated records as RFC 4180 describes them and as spreadsheet programs write
 * them: a field in double quotes may hold commas, line breaks and doubled quotes ({@code ""} is one
 * {@code "}); records end at CRLF, LF or a lone CR; a byte-order mark before the first record is
 * dropped. Quotes inside an unquoted field ({@code 17" wheels}) and text after a closing quote are
 * kept as written, the way spreadsheets read them. A quote left open at the end of the input is an
 * error, since everything after it would silently become one field.
 *
 * <p>Each record carries its spreadsheet row number: the n-th record is row n, a blank line is a
 * row too (with one empty field), and a quoted line break does not start a new row.
 */
final class CsvReader {

    /** One record and the row a spreadsheet shows it on. */
    record Row(int number, List<String> fields) {
        /** A row of nothing but empty fields, as a blank line or a line of commas is. */
        boolean blank() {
            return fields.stream().allMatch(String::isBlank);
        }
    }

    /** The input cannot be read as CSV from this row on. */
    static final class MalformedCsvException extends IOException {
        MalformedCsvException(String message) {
            super(message);
        }
    }

    private static final int END = -1;
    private static final int NONE = -2;

    private final Reader in;
    private final char delimiter;
    private int lookahead = NONE;
    private int rowNumber;
    private boolean started;

    CsvReader(Reader in) {
        this(in, ',');
    }

    CsvReader(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    /** The next record, or null at the end of the input. */
    Row next() throws IOException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                read();
            }
        }
        if (peek() == END) {
            return null;
        }
        int number = ++rowNumber;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        while (true) {
            int c = read();
            if (quoted) {
                if (c == END) {
                    throw new MalformedCsvException("row " + number
                            + ": a quoted field is never closed (a missing \" makes the rest of the file one field)");
                }
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        field.append('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append((char) c);
                }
                continue;
            }
            if (c == END || c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                fields.add(field.toString());
                return new Row(number, List.copyOf(fields));
            }
            if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else {
                field.append((char) c);
            }
        }
    }

    private int peek() throws IOException {
        if (lookahead == NONE) {
            lookahead = in.read();
        }
        return lookahead;
    }

    private int read() throws IOException {
        int c = peek();
        lookahead = NONE;
        return c;
    }
}
