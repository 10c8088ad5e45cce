package dev.autocentric.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    static List<CsvReader.Row> read(String text) throws IOException {
        CsvReader reader = new CsvReader(new StringReader(text));
        List<CsvReader.Row> rows = new ArrayList<>();
        for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    void plainFieldsAndRowNumbers() throws IOException {
        List<CsvReader.Row> rows = read("a,b,c\n1,2,3\n");
        assertEquals(2, rows.size());
        assertEquals(List.of("a", "b", "c"), rows.get(0).fields());
        assertEquals(List.of("1", "2", "3"), rows.get(1).fields());
        assertEquals(1, rows.get(0).number());
        assertEquals(2, rows.get(1).number());
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaksWithoutStartingARow() throws IOException {
        List<CsvReader.Row> rows = read("vin,notes\n\"1G1\",\"Leather, heated\"\n\"X\",\"the \"\"Z71\"\" pack\nand a\r\nsecond line\"\nlast,row");
        assertEquals(List.of("1G1", "Leather, heated"), rows.get(1).fields());
        assertEquals(List.of("X", "the \"Z71\" pack\nand a\r\nsecond line"), rows.get(2).fields());
        assertEquals(3, rows.get(2).number());
        assertEquals(List.of("last", "row"), rows.get(3).fields(), "no line break after the last record");
        assertEquals(4, rows.get(3).number(), "a quoted line break does not count as a row");
    }

    @Test
    void crlfLoneCrAndByteOrderMark() throws IOException {
        List<CsvReader.Row> rows = read("\uFEFFVIN,Make\r\nA,Chevrolet\rB,Ford\r\n");
        assertEquals(List.of("VIN", "Make"), rows.get(0).fields(), "the BOM is not part of the first header");
        assertEquals(List.of("A", "Chevrolet"), rows.get(1).fields());
        assertEquals(List.of("B", "Ford"), rows.get(2).fields());
        assertEquals(3, rows.size());
    }

    @Test
    void emptyFieldsAndBlankLinesCountAsRows() throws IOException {
        List<CsvReader.Row> rows = read("a,b,c\n,,\n\n\"\",x,\n");
        assertEquals(List.of("", "", ""), rows.get(1).fields());
        assertTrue(rows.get(1).blank());
        assertEquals(List.of(""), rows.get(2).fields());
        assertTrue(rows.get(2).blank());
        assertEquals(List.of("", "x", ""), rows.get(3).fields());
        assertEquals(4, rows.get(3).number(), "a blank line is a row in a spreadsheet too");
    }

    @Test
    void strayQuotesAreKeptAsWritten() throws IOException {
        List<CsvReader.Row> rows = read("wheels,x\n17\" alloys,\"quoted\"tail\n");
        assertEquals(List.of("17\" alloys", "quotedtail"), rows.get(1).fields());
    }

    @Test
    void aQuoteLeftOpenIsAnErrorNamingItsRow() throws IOException {
        CsvReader reader = new CsvReader(new StringReader("a,b\n1,2\n3,\"never closed\n4,5\n"));
        reader.next();
        reader.next();
        CsvReader.MalformedCsvException e = assertThrows(CsvReader.MalformedCsvException.class, reader::next);
        assertTrue(e.getMessage().startsWith("row 3:"), e.getMessage());
    }

    @Test
    void otherDelimiters() throws IOException {
        CsvReader reader = new CsvReader(new StringReader("a;\"b;c\"\n"), ';');
        assertEquals(List.of("a", "b;c"), reader.next().fields());
        assertNull(reader.next());
    }
}
