package dev.autocentric.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExportValuesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "$27,499.00|2749900",
            "27499|2749900",
            "27499.5|2749950",
            "27499.05|2749905",
            " $ 1,234,567.89 |123456789",
            ".99|99",
            "0.10|10",
            "19.990|1999",
            "-5|-500",
            "-$5.25|-525",
            "$-5.25|-525",
            // a value no double holds exactly: 0.29 * 100 is 28.999999999999996 in binary floating point
            "0.29|29",
            "9999999999999.99|999999999999999"})
    void dollarsBecomeExactCents(String text, long cents) throws ExportValues.BadValueException {
        assertEquals(cents, ExportValues.cents(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"call for price", "27.499,00", "1,23", "12,3456", "$", "", "27499.999", "1e5",
            "12 345", "$$5", "99999999999999"})
    void notDollarAmounts(String text) {
        ExportValues.BadValueException e = assertThrows(ExportValues.BadValueException.class,
                () -> ExportValues.cents(text));
        assertTrue(e.getMessage().contains("\"" + text.strip() + "\""), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"31250|31250", "31,250|31250", "12.0|12", "-5|-5", " 2024 |2024"})
    void wholeNumbers(String text, long value) throws ExportValues.BadValueException {
        assertEquals(value, ExportValues.wholeNumber(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.5", "twelve", "1,2", "12 mi", "9999999999"})
    void notWholeNumbers(String text) {
        assertThrows(ExportValues.BadValueException.class, () -> ExportValues.wholeNumber(text));
    }

    @Test
    void flags() throws ExportValues.BadValueException {
        for (String yes : List.of("Yes", "Y", "true", "1", "listed", "X")) {
            assertTrue(ExportValues.flag(yes), yes);
        }
        for (String no : List.of("No", "n", "FALSE", "0", "unlisted")) {
            assertFalse(ExportValues.flag(no), no);
        }
        assertThrows(ExportValues.BadValueException.class, () -> ExportValues.flag("maybe"));
    }

    @Test
    void listsSplitOnPipesElseCommas() {
        assertEquals(List.of("https://a.example/1.jpg", "https://a.example/w_4,h_3/2.jpg"),
                ExportValues.list("https://a.example/1.jpg | https://a.example/w_4,h_3/2.jpg|", true),
                "with a pipe, commas stay inside a URL");
        assertEquals(List.of("https://a.example/1.jpg", "https://a.example/2.jpg", "https://a.example/3.jpg"),
                ExportValues.list("https://a.example/1.jpg,https://a.example/2.jpg\nhttps://a.example/3.jpg", true));
        assertEquals(List.of("Sunroof", "Heated seats"), ExportValues.list("Sunroof, Heated seats,", false));
        assertEquals(List.of("Heated seats"), ExportValues.list("Heated seats", false),
                "spaces split URLs only");
    }
}
