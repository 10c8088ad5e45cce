package dev.autocentric.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class VehicleMappingTest {

    static final List<String> HEADER = List.of("Stock #", "VIN", "New/Used", "Year", "Make", "Model", "Trim",
            "Body Style", "Odometer", "MSRP", "Internet Price", "Ext. Color", "Int. Color", "Drive Type",
            "Fuel Type", "Transmission", "Photo URLs", "Listed", "Dealer Notes");

    static CsvReader.Row row(int number, String... cells) {
        return new CsvReader.Row(number, List.of(cells));
    }

    static VehicleMapping mapping() throws ExportHeader.UnusableHeaderException {
        return new VehicleMapping(ExportHeader.read(HEADER));
    }

    @Test
    void aTypicalExportHeaderIsUnderstood() throws ExportHeader.UnusableHeaderException {
        ExportHeader header = ExportHeader.read(HEADER);
        assertEquals(0, header.position(ExportColumn.STOCK_NUMBER));
        assertEquals(2, header.position(ExportColumn.CONDITION));
        assertEquals(8, header.position(ExportColumn.MILEAGE));
        assertEquals(10, header.position(ExportColumn.INTERNET_PRICE));
        assertEquals(11, header.position(ExportColumn.EXTERIOR_COLOR));
        assertEquals(13, header.position(ExportColumn.DRIVETRAIN));
        assertEquals(List.of("Dealer Notes"), header.ignored());
        assertTrue(header.missingRequired().isEmpty());
        assertEquals(-1, header.position(ExportColumn.OPTIONS));
    }

    @Test
    void headersMatchInAnyCaseAndSpelling() {
        assertEquals(ExportColumn.STOCK_NUMBER, ExportColumn.forHeader("stock_number"));
        assertEquals(ExportColumn.STOCK_NUMBER, ExportColumn.forHeader("STOCK NO."));
        assertEquals(ExportColumn.VIN, ExportColumn.forHeader(" vin "));
        assertEquals(ExportColumn.INTERNET_PRICE, ExportColumn.forHeader("InternetPrice"));
        assertEquals(ExportColumn.EXTERIOR_COLOR, ExportColumn.forHeader("Exterior Colour"));
        assertEquals(ExportColumn.MILEAGE, ExportColumn.forHeader("Miles"));
        assertEquals(null, ExportColumn.forHeader("msrpCents"), "a column in cents is not MSRP in dollars");
        assertEquals(ExportColumn.PHOTOS, ExportColumn.forApiField("photos[3]"));
        assertEquals(ExportColumn.INTERNET_PRICE, ExportColumn.forApiField("ePriceCents"));
    }

    @Test
    void aHeaderWithoutVinOrWithTwoNamesForOneColumnIsRefused() {
        ExportHeader.UnusableHeaderException noVin = assertThrows(ExportHeader.UnusableHeaderException.class,
                () -> ExportHeader.read(List.of("Stock", "Make")));
        assertTrue(noVin.getMessage().contains("no VIN column"), noVin.getMessage());
        ExportHeader.UnusableHeaderException twice = assertThrows(ExportHeader.UnusableHeaderException.class,
                () -> ExportHeader.read(List.of("VIN", "Price", "Internet Price")));
        assertTrue(twice.getMessage().contains("\"Price\" and \"Internet Price\""), twice.getMessage());
    }

    @Test
    void missingRequiredColumnsAreNamed() throws ExportHeader.UnusableHeaderException {
        ExportHeader header = ExportHeader.read(List.of("VIN", "Make", "Model"));
        assertTrue(header.missingRequired().contains(ExportColumn.MSRP));
        assertFalse(header.missingRequired().contains(ExportColumn.MAKE));
    }

    @Test
    void aGoodRowBecomesTheApiBody() throws Exception {
        VehicleMapping.Mapped mapped = mapping().map(row(2, "A1234", "1g1zd5st1lf012345", "New", "2025",
                "Chevrolet", "Malibu", "LT", "Sedan 4D", "12", "$28,995.00", "$27,499", "Summit White", "Jet Black",
                "Front-Wheel Drive", "Gasoline", "Automatic", "https://d.example/1.jpg|https://d.example/2.jpg", "Yes",
                "ignored"));
        VehicleMapping.Vehicle vehicle = assertInstanceOf(VehicleMapping.Vehicle.class, mapped);
        assertEquals("1G1ZD5ST1LF012345", vehicle.vin(), "the key is upper-cased");
        assertEquals(new ObjectMapper().readTree("""
                {"vin":"1g1zd5st1lf012345","stockNumber":"A1234","condition":"NEW","year":2025,"make":"Chevrolet",
                 "model":"Malibu","trim":"LT","bodyStyle":"SEDAN","fuel":"GASOLINE","drivetrain":"FWD",
                 "transmission":"AUTOMATIC","exteriorColor":"Summit White","interiorColor":"Jet Black",
                 "mileage":12,"msrpCents":2899500,"ePriceCents":2749900,"listed":true,
                 "photos":["https://d.example/1.jpg","https://d.example/2.jpg"]}""").toString(),
                vehicle.body().toString(), "the API's field order, numbers as JSON integers");
    }

    @Test
    void emptyCellsAreLeftForTheApiToJudge() throws Exception {
        VehicleMapping.Mapped mapped = mapping().map(row(3, "", "1G1ZD5ST1LF012345", "Used", "2021", "",
                "Malibu", "", "Sedan", "31,250", "", "$19,999", "", "", "4x4", "Diesel", "Manual", "", "", ""));
        VehicleMapping.Vehicle vehicle = assertInstanceOf(VehicleMapping.Vehicle.class, mapped);
        assertFalse(vehicle.body().has("make"));
        assertFalse(vehicle.body().has("msrpCents"));
        assertFalse(vehicle.body().has("listed"));
        assertEquals("4WD", vehicle.body().path("drivetrain").asText());
        assertEquals(31250, vehicle.body().path("mileage").asInt());
    }

    @Test
    void cellsThatMeanNothingRefuseTheRowWithEveryReasonUnderTheExportsHeader() throws Exception {
        VehicleMapping.Mapped mapped = mapping().map(row(9, "B7", "1G1ZD5ST1LF012345", "Demo", "2025",
                "Chevrolet", "Malibu", "LT", "Hovercraft", "12", "$28,995", "call", "", "", "FWD", "Gasoline",
                "Automatic", "", "maybe", ""));
        VehicleMapping.Refused refused = assertInstanceOf(VehicleMapping.Refused.class, mapped);
        assertEquals(9, refused.row());
        assertEquals("1G1ZD5ST1LF012345", refused.vin());
        assertEquals(4, refused.reasons().size(), refused.reasons().toString());
        assertTrue(refused.reasons().get(0).startsWith("New/Used: \"Demo\" is not a condition"), refused.reasons().toString());
        assertTrue(refused.reasons().get(1).startsWith("Body Style: \"Hovercraft\" is not a body style"));
        assertEquals("Internet Price: \"call\" is not a dollar amount", refused.reasons().get(2));
        assertEquals("Listed: \"maybe\" is not yes or no", refused.reasons().get(3));
    }

    @Test
    void aRowWiderThanTheHeaderIsRefusedAShorterOneIsPaddedWithBlanks() throws Exception {
        String[] wide = new String[HEADER.size() + 1];
        java.util.Arrays.fill(wide, "");
        wide[1] = "1G1ZD5ST1LF012345";
        wide[HEADER.size()] = "stray";
        VehicleMapping.Refused refused = assertInstanceOf(VehicleMapping.Refused.class, mapping().map(row(4, wide)));
        assertTrue(refused.reasons().getFirst().contains("20 fields but the header has 19"), refused.reasons().toString());
        assertInstanceOf(VehicleMapping.Vehicle.class, mapping().map(row(5, "S1", "1G1ZD5ST1LF012345")));
    }
}
