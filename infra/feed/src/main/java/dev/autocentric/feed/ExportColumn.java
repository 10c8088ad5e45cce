package dev.autocentric.feed;

import java.util.List;
import java.util.Locale;

/**
 * A column of a dealer's inventory export and the names dealer-management systems give it.
 * Headers are compared folded: lower case, {@code #} read as "number", everything but letters and
 * digits dropped, so "Stock #", "stock_number" and "StockNumber" are one name. No alias names a
 * column in cents: a "msrpCents" header is not taken for MSRP in dollars.
 */
enum ExportColumn {
    STOCK_NUMBER("stockNumber", "stock number", "stocknumber", "stock", "stockno", "stocknum", "stockid"),
    VIN("vin", "VIN", "vin", "vinnumber", "vinno", "vehicleidentificationnumber"),
    CONDITION("condition", "condition", "condition", "newused", "neworused", "newusedcpo", "vehiclecondition",
            "inventorytype", "stocktype", "saletype"),
    YEAR("year", "year", "year", "modelyear", "yr", "vehicleyear"),
    MAKE("make", "make", "make", "manufacturer", "brand"),
    MODEL("model", "model", "model", "modelname"),
    TRIM("trim", "trim", "trim", "trimlevel", "series"),
    BODY("bodyStyle", "body", "body", "bodystyle", "bodytype", "style"),
    MILEAGE("mileage", "mileage", "mileage", "miles", "odometer", "odometerreading", "odo"),
    MSRP("msrpCents", "MSRP", "msrp", "retailprice", "stickerprice", "sticker", "originalmsrp", "listprice"),
    INTERNET_PRICE("ePriceCents", "internet price", "internetprice", "eprice", "price", "saleprice",
            "sellingprice", "webprice", "onlineprice", "specialprice", "askingprice", "internetspecial"),
    EXTERIOR_COLOR("exteriorColor", "exterior colour", "exteriorcolor", "exteriorcolour", "extcolor",
            "extcolour", "exterior", "color", "colour"),
    INTERIOR_COLOR("interiorColor", "interior colour", "interiorcolor", "interiorcolour", "intcolor",
            "intcolour", "interior"),
    DRIVETRAIN("drivetrain", "drivetrain", "drivetrain", "drivetype", "drive", "driveline", "wheeldrive"),
    FUEL("fuel", "fuel", "fuel", "fueltype", "energy", "energytype"),
    TRANSMISSION("transmission", "transmission", "transmission", "trans", "transmissiontype", "gearbox"),
    PHOTOS("photos", "photo URLs", "photos", "photourls", "photourl", "photo", "images", "imageurls",
            "imageurl", "imagelist", "pictures", "pictureurls"),
    OPTIONS("options", "options", "options", "features", "equipment", "optionlist"),
    LISTED("listed", "listed", "listed", "publish", "published", "online", "visible");

    private final String apiField;
    private final String label;
    private final List<String> names;

    ExportColumn(String apiField, String label, String... names) {
        this.apiField = apiField;
        this.label = label;
        this.names = List.of(names);
    }

    /** The vehicle field of the API this column fills. */
    String apiField() {
        return apiField;
    }

    /** How the help and warnings call the column. */
    String label() {
        return label;
    }

    /** The folded header names taken for this column. */
    List<String> names() {
        return names;
    }

    /** The column a header names, or null when it names none of ours. */
    static ExportColumn forHeader(String header) {
        String folded = fold(header);
        for (ExportColumn column : values()) {
            if (column.names.contains(folded)) {
                return column;
            }
        }
        return null;
    }

    /** The column that fills an API field ({@code photos[3]} is the photos column), or null. */
    static ExportColumn forApiField(String field) {
        if (field == null) {
            return null;
        }
        int bracket = field.indexOf('[');
        String name = bracket < 0 ? field : field.substring(0, bracket);
        for (ExportColumn column : values()) {
            if (column.apiField.equals(name)) {
                return column;
            }
        }
        return null;
    }

    static String fold(String header) {
        String lower = header.trim().toLowerCase(Locale.ROOT).replace("#", "number");
        StringBuilder b = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
