package dev.autocentric.local.seed;

import java.util.List;
import java.util.Map;

/** Makes and models the demo stock is drawn from, with a plausible MSRP range for each model. */
final class DemoCatalog {
    record Model(String model, String bodyStyle, String fuel, String drivetrain, String transmission,
                 long msrpMinCents, long msrpMaxCents, List<String> trims) {
    }

    /** World manufacturer identifiers used for generated VINs (North-American ones carry a check digit). */
    static final Map<String, String> WMI = Map.ofEntries(
            Map.entry("Chevrolet", "1G1"), Map.entry("Buick", "1G4"), Map.entry("GMC", "1GT"),
            Map.entry("Cadillac", "1G6"), Map.entry("Ford", "1FA"), Map.entry("Toyota", "4T1"),
            Map.entry("Honda", "1HG"), Map.entry("Nissan", "1N4"), Map.entry("Hyundai", "5NP"),
            Map.entry("Kia", "5XY"), Map.entry("Subaru", "4S3"), Map.entry("Jeep", "1C4"));

    static final List<String> GM_BRANDS = List.of("Chevrolet", "Buick", "GMC", "Cadillac");
    static final List<String> OTHER_BRANDS = List.of("Ford", "Toyota", "Honda", "Nissan", "Hyundai", "Kia", "Subaru", "Jeep");

    static final Map<String, List<Model>> MODELS = Map.ofEntries(
            Map.entry("Chevrolet", List.of(
                    new Model("Malibu", "SEDAN", "GASOLINE", "FWD", "AUTOMATIC", 2_599_500, 3_199_500, List.of("LS", "LT", "RS")),
                    new Model("Equinox", "SUV", "GASOLINE", "AWD", "AUTOMATIC", 2_899_500, 3_799_500, List.of("LS", "LT", "RS", "Activ")),
                    new Model("Silverado 1500", "PICKUP", "GASOLINE", "4WD", "AUTOMATIC", 3_899_500, 6_799_500, List.of("WT", "LT", "RST", "High Country")),
                    new Model("Tahoe", "SUV", "GASOLINE", "4WD", "AUTOMATIC", 5_899_500, 8_199_500, List.of("LS", "LT", "Z71", "Premier")),
                    new Model("Bolt EUV", "CROSSOVER", "ELECTRIC", "FWD", "AUTOMATIC", 2_799_500, 3_499_500, List.of("LT", "Premier")),
                    new Model("Corvette", "COUPE", "GASOLINE", "RWD", "DCT", 6_899_500, 12_999_500, List.of("1LT", "2LT", "3LT")))),
            Map.entry("Buick", List.of(
                    new Model("Encore GX", "CROSSOVER", "GASOLINE", "FWD", "CVT", 2_599_500, 3_299_500, List.of("Preferred", "Sport Touring", "Avenir")),
                    new Model("Enclave", "SUV", "GASOLINE", "AWD", "AUTOMATIC", 4_499_500, 6_099_500, List.of("Essence", "Avenir")))),
            Map.entry("GMC", List.of(
                    new Model("Sierra 1500", "PICKUP", "GASOLINE", "4WD", "AUTOMATIC", 4_099_500, 7_599_500, List.of("Pro", "SLE", "Elevation", "Denali")),
                    new Model("Yukon", "SUV", "GASOLINE", "4WD", "AUTOMATIC", 6_199_500, 9_099_500, List.of("SLE", "SLT", "AT4", "Denali")),
                    new Model("Acadia", "SUV", "GASOLINE", "AWD", "AUTOMATIC", 4_299_500, 5_999_500, List.of("Elevation", "AT4", "Denali")))),
            Map.entry("Cadillac", List.of(
                    new Model("CT5", "SEDAN", "GASOLINE", "RWD", "AUTOMATIC", 5_099_500, 6_599_500, List.of("Luxury", "Premium Luxury", "Sport")),
                    new Model("Escalade", "SUV", "GASOLINE", "4WD", "AUTOMATIC", 8_999_500, 12_999_500, List.of("Luxury", "Premium Luxury", "Sport")),
                    new Model("Lyriq", "SUV", "ELECTRIC", "AWD", "AUTOMATIC", 5_899_500, 7_499_500, List.of("Tech", "Luxury", "Sport")))),
            Map.entry("Ford", List.of(
                    new Model("F-150", "PICKUP", "GASOLINE", "4WD", "AUTOMATIC", 3_799_500, 7_499_500, List.of("XL", "XLT", "Lariat", "Platinum")),
                    new Model("Escape", "SUV", "HYBRID", "AWD", "CVT", 2_999_500, 4_099_500, List.of("Active", "ST-Line", "Platinum")),
                    new Model("Mustang", "COUPE", "GASOLINE", "RWD", "MANUAL", 3_199_500, 5_999_500, List.of("EcoBoost", "GT", "Dark Horse")))),
            Map.entry("Toyota", List.of(
                    new Model("Camry", "SEDAN", "HYBRID", "FWD", "CVT", 2_899_500, 3_699_500, List.of("LE", "SE", "XLE", "XSE")),
                    new Model("RAV4", "SUV", "GASOLINE", "AWD", "AUTOMATIC", 2_999_500, 4_199_500, List.of("LE", "XLE", "Adventure", "Limited")),
                    new Model("Tacoma", "PICKUP", "GASOLINE", "4WD", "AUTOMATIC", 3_299_500, 5_299_500, List.of("SR", "SR5", "TRD Off-Road")))),
            Map.entry("Honda", List.of(
                    new Model("Civic", "SEDAN", "GASOLINE", "FWD", "CVT", 2_399_500, 3_099_500, List.of("LX", "Sport", "EX", "Touring")),
                    new Model("CR-V", "SUV", "HYBRID", "AWD", "CVT", 3_099_500, 4_099_500, List.of("LX", "EX", "Sport", "Sport Touring")),
                    new Model("Odyssey", "MINIVAN", "GASOLINE", "FWD", "AUTOMATIC", 3_899_500, 5_199_500, List.of("EX", "Sport", "Elite")))),
            Map.entry("Nissan", List.of(
                    new Model("Altima", "SEDAN", "GASOLINE", "FWD", "CVT", 2_699_500, 3_499_500, List.of("S", "SV", "SR")),
                    new Model("Rogue", "SUV", "GASOLINE", "AWD", "CVT", 2_999_500, 3_999_500, List.of("S", "SV", "SL", "Platinum")))),
            Map.entry("Hyundai", List.of(
                    new Model("Elantra", "SEDAN", "GASOLINE", "FWD", "CVT", 2_199_500, 2_899_500, List.of("SE", "SEL", "Limited")),
                    new Model("Ioniq 5", "CROSSOVER", "ELECTRIC", "AWD", "AUTOMATIC", 4_299_500, 5_699_500, List.of("SE", "SEL", "Limited")))),
            Map.entry("Kia", List.of(
                    new Model("Telluride", "SUV", "GASOLINE", "AWD", "AUTOMATIC", 3_699_500, 5_399_500, List.of("LX", "S", "EX", "SX")),
                    new Model("Sportage", "SUV", "PLUG_IN_HYBRID", "AWD", "AUTOMATIC", 2_899_500, 4_299_500, List.of("LX", "EX", "X-Line")))),
            Map.entry("Subaru", List.of(
                    new Model("Outback", "WAGON", "GASOLINE", "AWD", "CVT", 2_999_500, 4_199_500, List.of("Premium", "Limited", "Wilderness")),
                    new Model("Crosstrek", "CROSSOVER", "GASOLINE", "AWD", "CVT", 2_599_500, 3_399_500, List.of("Base", "Premium", "Sport")))),
            Map.entry("Jeep", List.of(
                    new Model("Wrangler", "SUV", "GASOLINE", "4WD", "MANUAL", 3_299_500, 6_499_500, List.of("Sport", "Sahara", "Rubicon")),
                    new Model("Grand Cherokee", "SUV", "PLUG_IN_HYBRID", "4WD", "AUTOMATIC", 4_099_500, 7_299_500, List.of("Laredo", "Limited", "Summit")))));

    static final List<String> EXTERIOR = List.of("Summit White", "Black", "Silver Ice", "Radiant Red", "Midnight Blue",
            "Sterling Gray", "Pearl White", "Forest Green");
    static final List<String> INTERIOR = List.of("Jet Black", "Ash Gray", "Jet Black/Red", "Maple Sugar", "Dune");
    static final List<String> OPTIONS = List.of("Sunroof", "Heated Seats", "Tow Package", "Navigation", "Adaptive Cruise",
            "Premium Audio", "Third Row", "Bed Liner", "Wireless Charging", "360 Camera");

    private DemoCatalog() {
    }
}
