package dev.autocentric.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.local.LocalRuntime;
import dev.autocentric.local.Options;
import dev.autocentric.local.emulator.Deployment;
import dev.autocentric.local.emulator.ProjectRoot;
import dev.autocentric.shared.vin.Vin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The dealer feed command (infra/feed/target/dealer-feed.jar, run as its own process) pushes a
 * 5,000-row dealer export through the local runtime: the 2% bad rows come back by row number with
 * their reasons (some refused by the feed before sending, some by the API), the good rows are in
 * the table, and a second run of the same file writes nothing.
 */
@ExtendWith(ResponsesMatchOpenApi.class)
class DealerFeedEndToEndTest {

    static final String DEALER = "dlr-e2e-feed";
    static final int ROWS = 5_000;
    static final Pattern REJECTED = Pattern.compile("^row (\\d+) \\((?:VIN (\\S+)|no VIN)\\): (.*)$");

    @TempDir
    static Path work;
    static LocalRuntime runtime;
    static Deployment aws;
    static Api api;
    static Path credentialFile;

    @BeforeAll
    static void start() throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(ListingEndToEndTest.ADMIN_TOKEN.getBytes(StandardCharsets.UTF_8)));
        runtime = LocalRuntime.start(Options.forTemplate(ProjectRoot.find().resolve("template.yaml"))
                .parameter("AdminTokenSha256", hash)
                .parameter("LocalMode", "true")
                // the feed needs only the inventory API; the stream consumers would compete for the emulator
                .function("ListingFunction")
                .httpPort(0)
                .stateDirectory(work.resolve("state"))
                .logDirectory(work.resolve("logs")));
        aws = runtime.deployment();
        api = new Api(runtime.httpEndpoint());
        Api.Reply enrolled = api.send("POST", "/v1/admin/dealers", ListingEndToEndTest.ADMIN_TOKEN,
                ListingEndToEndTest.dealer(DEALER, "48226", 42.33181, -83.05035));
        assertEquals(201, enrolled.status(), enrolled.body());
        credentialFile = work.resolve("credential");
        Files.writeString(credentialFile, enrolled.json().path("credential").asText() + "\n");
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** A model line of the sample export: the wording a dealer system uses, and what the API stores. */
    record Model(String wmi, String make, String model, String body, String fuel, String drive, String gearbox,
                 int msrpDollars, String bodyStyle, String fuelValue, String drivetrain, String transmission) {
    }

    static final List<Model> MODELS = List.of(
            new Model("1G1", "Chevrolet", "Malibu", "Sedan 4D", "Gasoline", "Front-Wheel Drive", "CVT", 28_995,
                    "SEDAN", "GASOLINE", "FWD", "CVT"),
            new Model("1GC", "Chevrolet", "Silverado 1500", "Crew Cab Pickup", "Gasoline", "4x4", "10-Speed Automatic",
                    52_995, "PICKUP", "GASOLINE", "4WD", "AUTOMATIC"),
            new Model("3GN", "Chevrolet", "Equinox", "Sport Utility", "Regular Unleaded", "AWD", "Automatic", 31_495,
                    "SUV", "GASOLINE", "AWD", "AUTOMATIC"),
            new Model("1FA", "Ford", "Mustang", "Coupe 2D", "Premium Unleaded", "RWD", "6-Speed Manual", 39_995,
                    "COUPE", "GASOLINE", "RWD", "MANUAL"),
            new Model("2T3", "Toyota", "RAV4 Hybrid", "SUV", "Gas/Electric Hybrid", "All-Wheel Drive", "ECVT", 34_995,
                    "SUV", "HYBRID", "AWD", "CVT"),
            new Model("3VW", "Volkswagen", "Golf GTI", "5-Door Hatchback", "Gasoline", "FWD", "7-Speed Dual-Clutch",
                    33_995, "HATCHBACK", "GASOLINE", "FWD", "DCT"),
            new Model("5YJ", "Tesla", "Model 3", "Sedan", "Electric", "AWD", "1-Speed Automatic", 47_990,
                    "SEDAN", "ELECTRIC", "AWD", "AUTOMATIC"),
            new Model("2C4", "Chrysler", "Pacifica Hybrid", "Mini-van", "Plug-In Hybrid", "FWD", "eCVT", 51_995,
                    "MINIVAN", "PLUG_IN_HYBRID", "FWD", "CVT"));

    /** The kinds of bad row, one in fifty rows, in turn; and the reason the report must give. */
    enum Bad {
        CHECK_DIGIT("VIN: VIN check digit (position 9) should be"),
        NEGATIVE_MILEAGE("Odometer: mileage must be between 0 and 999999"),
        UNKNOWN_BODY("Body Style: \"Hovercraft\" is not a body style the feed knows"),
        PRICE_NOT_A_NUMBER("Internet Price: \"Call for price\" is not a dollar amount"),
        MISSING_MAKE("Make: make is required");

        final String reason;

        Bad(String reason) {
            this.reason = reason;
        }

        static Bad of(int i) {
            return i % 50 == 7 ? values()[(i / 50) % values().length] : null;
        }
    }

    static String vin(int i) {
        Model m = MODELS.get(i % MODELS.size());
        return Vin.withCheckDigit(m.wmi() + "AB1CD" + "0" + "N" + "7" + String.format(Locale.ROOT, "%06d", 100_000 + i));
    }

    static int row(int i) {
        return i + 2;
    }

    static long msrpCents(int i) {
        return (MODELS.get(i % MODELS.size()).msrpDollars() + (i % 50) * 100L) * 100;
    }

    /** 93% of the MSRP in whole dollars, every fourth with 50 cents. */
    static long ePriceCents(int i) {
        return msrpCents(i) * 93 / 100 / 100 * 100 + (i % 4 == 0 ? 50 : 0);
    }

    static String dollars(long cents, boolean sign) {
        String whole = String.format(Locale.ROOT, "%,d", cents / 100);
        return (sign ? "$" : "") + whole + (cents % 100 == 0 && !sign ? "" : String.format(Locale.ROOT, ".%02d", cents % 100));
    }

    static String quoted(String cell) {
        return cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    /**
     * A DMS-style export: a BOM, CRLF line ends, header names that are not ours, a column the feed
     * ignores, quoted cells with commas and doubled quotes, dollars with $ and commas, photo lists
     * split by | or by commas, and one bad row in fifty.
     */
    static Path sampleExport() throws IOException {
        StringBuilder csv = new StringBuilder("\uFEFF");
        csv.append("Stock #,VIN,New/Used,Year,Make,Model,Trim,Body Style,Odometer,MSRP,Internet Price,Exterior Color,"
                + "Interior Color,Drive Type,Fuel Type,Transmission,Photo URLs,Listed,Days In Stock\r\n");
        String[] conditions = {"New", "Used", "Certified Pre-Owned"};
        for (int i = 0; i < ROWS; i++) {
            Model m = MODELS.get(i % MODELS.size());
            Bad bad = Bad.of(i);
            String condition = conditions[i % 3];
            boolean isNew = i % 3 == 0;
            String vin = vin(i);
            if (bad == Bad.CHECK_DIGIT) {
                char right = vin.charAt(8);
                vin = vin.substring(0, 8) + (right == '0' ? '1' : '0') + vin.substring(9);
            }
            String stock = String.format(Locale.ROOT, "F%05d", i);
            String trim = switch (i % 10) {
                case 0 -> "LT, Premium Pkg";
                case 1 -> "RS \"Midnight\" Edition";
                default -> "LT";
            };
            String photos = i % 2 == 0
                    ? "https://photos.dealer.example/" + stock + "/1.jpg|https://photos.dealer.example/" + stock + "/2.jpg"
                    : "https://photos.dealer.example/" + stock + "/1.jpg, https://photos.dealer.example/" + stock + "/2.jpg";
            List<String> cells = List.of(
                    stock,
                    vin,
                    condition,
                    String.valueOf(isNew ? 2025 : 2018 + i % 7),
                    bad == Bad.MISSING_MAKE ? "" : m.make(),
                    m.model(),
                    trim,
                    bad == Bad.UNKNOWN_BODY ? "Hovercraft" : m.body(),
                    bad == Bad.NEGATIVE_MILEAGE ? "-5" : String.format(Locale.ROOT, "%,d", isNew ? i % 40 : 5_000 + (i * 37) % 90_000),
                    dollars(msrpCents(i), true),
                    bad == Bad.PRICE_NOT_A_NUMBER ? "Call for price" : dollars(ePriceCents(i), i % 2 == 0),
                    i % 7 == 0 ? "Red, Metallic" : "Summit White",
                    "Jet Black",
                    m.drive(),
                    m.fuel(),
                    m.gearbox(),
                    photos,
                    i % 10 == 9 ? "No" : "Yes",
                    String.valueOf(i % 90));
            csv.append(String.join(",", cells.stream().map(DealerFeedEndToEndTest::quoted).toList())).append("\r\n");
        }
        Path file = work.resolve("dealer-export.csv");
        Files.writeString(file, csv.toString());
        return file;
    }

    record Feed(int exit, String out, String err, Duration took) {
        Map<Integer, String> rejected() {
            Map<Integer, String> rows = new TreeMap<>();
            for (String line : out.lines().toList()) {
                Matcher m = REJECTED.matcher(line);
                if (m.matches()) {
                    rows.put(Integer.parseInt(m.group(1)), m.group(3));
                }
            }
            return rows;
        }

        String summary() {
            return out.lines().filter(l -> l.startsWith("summary: ")).findFirst().orElseThrow(() ->
                    new AssertionError("no summary line:\n" + out + err));
        }
    }

    static Feed feed(Path export, String name) throws Exception {
        Path jar = ProjectRoot.find().resolve("infra/feed/target/dealer-feed.jar");
        assertTrue(Files.isRegularFile(jar), "build the feed first: mvn -pl infra/feed package (" + jar + ")");
        Path out = work.resolve(name + ".out");
        Path err = work.resolve(name + ".err");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--api", runtime.httpEndpoint().toString(), "--dealer", DEALER,
                "--credential-file", credentialFile.toString(), "--progress", "lines", export.toString())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the feed did not finish in 5 minutes:\n" + Files.readString(err));
        }
        return new Feed(process.exitValue(), Files.readString(out), Files.readString(err),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * The dealer's stock as the table holds it: VIN, version and last change of each vehicle (only
     * those: the emulator answers a query in time proportional to what it returns).
     */
    static Map<String, Map<String, AttributeValue>> stockInTable() {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        QueryRequest query = QueryRequest.builder().tableName(aws.physicalName("ListingsTable")).indexName("byDealer")
                .keyConditionExpression("dealerId = :d")
                .projectionExpression("vin, #version, updatedAt")
                .expressionAttributeNames(Map.of("#version", "version"))
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(DEALER))).build();
        aws.dynamo().queryPaginator(query).items().forEach(item -> items.put(item.get("vin").s(), item));
        return items;
    }

    static Map<String, AttributeValue> listing(String vin) {
        return aws.dynamo().getItem(g -> g.tableName(aws.physicalName("ListingsTable"))
                .key(Map.of("vin", AttributeValue.fromS(vin))).consistentRead(true)).item();
    }

    @Test
    void aFiveThousandRowExportIsStoredBadRowsAreReportedAndASecondRunChangesNothing() throws Exception {
        Path export = sampleExport();
        Map<Integer, Bad> expectedBad = new TreeMap<>();
        List<String> goodVins = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            if (Bad.of(i) != null) {
                expectedBad.put(row(i), Bad.of(i));
            } else {
                goodVins.add(vin(i));
            }
        }
        assertEquals(100, expectedBad.size(), "2% bad rows");

        Feed first = feed(export, "first");
        System.out.println("feed, first run: " + first.took().toMillis() + " ms; " + first.summary() + "\n" + first.err());
        assertEquals(1, first.exit(), "exit 1: rows were rejected\n" + first.err() + first.out());
        Map<Integer, String> reported = first.rejected();
        assertEquals(expectedBad.keySet(), reported.keySet(), "exactly the bad rows are reported, by row number");
        expectedBad.forEach((row, bad) -> assertTrue(reported.get(row).startsWith(bad.reason),
                "row " + row + " (" + bad + "): " + reported.get(row)));
        assertTrue(first.summary().startsWith(
                "summary: 4900 stored, 0 unchanged, 100 rejected (40 before sending, 60 by the API)"), first.summary());
        assertTrue(first.err().contains("progress: 4960/4960 rows sent"), first.err());

        Map<String, Map<String, AttributeValue>> stored = stockInTable();
        assertEquals(goodVins.size(), stored.size());
        assertEquals(new TreeSet<>(goodVins), new TreeSet<>(stored.keySet()),
                "every good row is in the table, no bad one");
        for (int i : List.of(0, 1, 9, 14, 20)) {
            Map<String, AttributeValue> item = listing(vin(i));
            Model m = MODELS.get(i % MODELS.size());
            assertEquals(String.valueOf(ePriceCents(i)), item.get("ePriceCents").n(), "exact cents, row " + row(i));
            assertEquals(String.valueOf(msrpCents(i)), item.get("msrpCents").n());
            assertEquals(m.bodyStyle(), item.get("bodyStyle").s());
            assertEquals(m.fuelValue(), item.get("fuel").s());
            assertEquals(m.drivetrain(), item.get("drivetrain").s());
            assertEquals(m.transmission(), item.get("transmission").s());
            assertEquals(new String[] {"NEW", "USED", "CPO"}[i % 3], item.get("condition").s());
            assertEquals(2, item.get("photos").l().size(), "photos split by | and by commas");
            assertEquals(i % 10 != 9, item.get("listed").bool());
        }
        assertEquals("LT, Premium Pkg", listing(vin(0)).get("trim").s(), "a quoted comma");
        assertEquals("RS \"Midnight\" Edition", listing(vin(1)).get("trim").s(), "doubled quotes");
        assertEquals("Red, Metallic", listing(vin(14)).get("exteriorColor").s());
        assertTrue(stored.values().stream().allMatch(item -> item.get("version").n().equals("1")));

        Api.Reply page = api.send("GET", "/v1/dealers/" + DEALER + "/inventory?limit=100",
                Files.readString(credentialFile).strip(), null);
        assertEquals(200, page.status(), page.body());
        JsonNode items = page.json().path("items");
        assertEquals(100, items.size());
        for (JsonNode item : items) {
            assertTrue(stored.containsKey(item.path("vin").asText()), item.toString());
        }

        Feed second = feed(export, "second");
        System.out.println("feed, second run: " + second.took().toMillis() + " ms; " + second.summary());
        assertEquals(1, second.exit(), second.err() + second.out());
        assertEquals(reported, second.rejected(), "the same rows, the same reasons");
        assertTrue(second.summary().startsWith("summary: 0 stored, 4900 unchanged, 100 rejected"), second.summary());
        Map<String, Map<String, AttributeValue>> after = stockInTable();
        assertEquals(stored.size(), after.size());
        stored.forEach((vin, item) -> {
            assertEquals("1", after.get(vin).get("version").n(), "no new version of " + vin);
            assertEquals(item.get("updatedAt"), after.get(vin).get("updatedAt"));
        });
    }
}
