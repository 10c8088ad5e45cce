package dev.autocentric.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command end to end against a stand-in for the batch route (stored / unchanged by equality,
 * a negative mileage rejected, scripted failures), so retries, exit codes and the report can be
 * checked without the local runtime. The runtime itself is driven by DealerFeedEndToEndTest.
 */
class DealerFeedTest {

    static final String CREDENTIAL = "acd_dlr-feed_" + "x".repeat(43);
    static final String HEADER = "Stock #,VIN,Condition,Year,Make,Model,Body,Mileage,MSRP,Internet Price,Drivetrain,Fuel,Transmission\n";

    @TempDir
    Path dir;
    HttpServer server;
    final Map<String, String> stock = new HashMap<>();
    final List<List<String>> requests = new ArrayList<>();
    /** Statuses to answer before answering normally, one per request. */
    final Deque<Integer> scripted = new ArrayDeque<>();
    /** VINs the stand-in answers "unavailable" for, once each. */
    final List<String> busyOnce = new ArrayList<>();
    final List<Duration> pauses = new ArrayList<>();
    int largest = Integer.MAX_VALUE;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/dealers/dlr-feed/inventory/batch", this::batch);
        server.createContext("/v1/dealers/dlr-other/inventory/batch", exchange -> answer(exchange, 403,
                "{\"status\":403,\"detail\":\"this credential acts only on /v1/dealers/dlr-feed\"}"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    synchronized void batch(HttpExchange exchange) throws IOException {
        ObjectMapper json = new ObjectMapper();
        if (!("Bearer " + CREDENTIAL).equals(exchange.getRequestHeaders().getFirst("authorization"))) {
            answer(exchange, 401, "{\"status\":401,\"detail\":\"the credential is not valid\"}");
            return;
        }
        JsonNode items = json.readTree(exchange.getRequestBody()).path("items");
        List<String> vins = new ArrayList<>();
        items.forEach(item -> vins.add(item.path("vin").asText()));
        requests.add(vins);
        Integer status = scripted.poll();
        if (status != null) {
            exchange.getResponseHeaders().add("retry-after", "7");
            answer(exchange, status, "{\"status\":" + status + "}");
            return;
        }
        if (items.size() > largest) {
            answer(exchange, 413, "{\"status\":413}");
            return;
        }
        ObjectNode body = json.createObjectNode();
        ArrayNode results = body.putArray("results");
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String vin = item.path("vin").asText();
            ObjectNode result = results.addObject().put("index", i).put("vin", vin);
            if (busyOnce.remove(vin)) {
                result.put("status", "rejected").putArray("errors").addObject().putNull("field")
                        .put("code", "unavailable").put("message", "resend this item");
            } else if (item.path("mileage").asLong() < 0) {
                result.put("status", "rejected").putArray("errors").addObject().put("field", "mileage")
                        .put("code", "range").put("message", "mileage must be between 0 and 999999");
            } else {
                String before = stock.put(vin, item.toString());
                result.put("status", item.toString().equals(before) ? "unchanged" : "stored");
                result.putArray("errors");
            }
        }
        answer(exchange, 200, body.toString());
    }

    static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    record Run(int exit, String out, String err) {
        List<String> rejectedLines() {
            return out.lines().filter(l -> l.startsWith("row ")).toList();
        }
    }

    Run feed(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = DealerFeed.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), pauses::add);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Run feed(Path csv, String... extra) throws IOException {
        Path credential = dir.resolve("credential");
        Files.writeString(credential, CREDENTIAL + "\n");
        List<String> args = new ArrayList<>(List.of("--api", "http://127.0.0.1:" + server.getAddress().getPort(),
                "--dealer", "dlr-feed", "--credential-file", credential.toString(), "--progress", "lines"));
        args.addAll(List.of(extra));
        args.add(csv.toString());
        return feed(Map.of(), args.toArray(String[]::new));
    }

    static String line(String stock, String vin, String mileage, String body, String price) {
        return stock + "," + vin + ",Used,2022,Chevrolet,Malibu," + body + "," + mileage + ",\"$28,000\"," + price
                + ",FWD,Gasoline,Automatic\n";
    }

    Path csv(String... lines) throws IOException {
        Path file = dir.resolve("export.csv");
        Files.writeString(file, HEADER + String.join("", lines));
        return file;
    }

    @Test
    void goodRowsAreStoredThenUnchangedAndBadRowsReportedByRowNumber() throws IOException {
        Path file = csv(
                line("S1", "VIN00000000000001", "100", "Sedan", "\"$25,000.00\""),
                line("S2", "VIN00000000000002", "-5", "Sedan", "25000"),
                line("S3", "VIN00000000000003", "100", "Hovercraft", "25000"),
                line("S4", "VIN00000000000004", "100", "Sedan", "25k"),
                line("S5", "VIN00000000000001", "200", "Sedan", "25000"),
                "\n",
                line("S6", "VIN00000000000006", "100", "Coupe", "25000"));
        Run first = feed(file);
        assertEquals(DealerFeed.ROWS_REJECTED, first.exit(), first.err() + first.out());
        assertEquals(List.of(
                "row 3 (VIN VIN00000000000002): Mileage: mileage must be between 0 and 999999",
                "row 4 (VIN VIN00000000000003): Body: \"Hovercraft\" is not a body style the feed knows (use one of "
                        + "SEDAN, COUPE, HATCHBACK, WAGON, CONVERTIBLE, SUV, CROSSOVER, PICKUP, VAN, MINIVAN)",
                "row 5 (VIN VIN00000000000004): Internet Price: \"25k\" is not a dollar amount",
                "row 6 (VIN VIN00000000000001): VIN: the same VIN is on row 2; a feed may name each vehicle once"),
                first.rejectedLines());
        assertTrue(first.out().contains("summary: 2 stored, 0 unchanged, 4 rejected (3 before sending, 1 by the API)"),
                first.out());
        assertEquals("2500000", new ObjectMapper().readTree(stock.get("VIN00000000000001")).path("ePriceCents").asText());
        assertEquals(1, requests.size());
        assertEquals(List.of("VIN00000000000001", "VIN00000000000002", "VIN00000000000006"), requests.getFirst(),
                "rows refused here are not sent");
        assertTrue(first.err().contains("progress: 3/3 rows sent"), first.err());

        Run second = feed(file);
        assertEquals(DealerFeed.ROWS_REJECTED, second.exit());
        assertTrue(second.out().contains("summary: 0 stored, 2 unchanged, 4 rejected"), second.out());
        assertEquals(first.rejectedLines(), second.rejectedLines());
    }

    @Test
    void aCleanFileExitsZero() throws IOException {
        Run run = feed(csv(line("S1", "VIN00000000000001", "10", "SUV", "30000")));
        assertEquals(DealerFeed.OK, run.exit(), run.err() + run.out());
        assertTrue(run.rejectedLines().isEmpty());
    }

    @Test
    void a5xxOr429IsRetriedAfterAPauseAndABatchThatSucceededIsNeverResent() throws IOException {
        Path file = csv(line("S1", "VIN00000000000001", "10", "SUV", "30000"),
                line("S2", "VIN00000000000002", "10", "SUV", "30000"),
                line("S3", "VIN00000000000003", "10", "SUV", "30000"));
        stock.clear();
        Run run;
        // the first request gets through; the second is answered 503 then 429 before it gets through
        server.removeContext("/v1/dealers/dlr-feed/inventory/batch");
        int[] calls = {0};
        server.createContext("/v1/dealers/dlr-feed/inventory/batch", exchange -> {
            if (++calls[0] == 2) {
                scripted.add(503);
                scripted.add(429);
            }
            batch(exchange);
        });
        run = feed(file, "--batch-size", "2");
        assertEquals(DealerFeed.OK, run.exit(), run.err() + run.out());
        assertEquals(List.of(List.of("VIN00000000000001", "VIN00000000000002"), List.of("VIN00000000000003"),
                List.of("VIN00000000000003"), List.of("VIN00000000000003")), requests);
        assertEquals(2, pauses.size());
        assertEquals(Duration.ofSeconds(7), pauses.get(0), "Retry-After wins over the back-off");
        assertTrue(run.err().contains("the API answered 503"), run.err());
        assertTrue(run.out().contains("summary: 3 stored, 0 unchanged, 0 rejected"), run.out());
    }

    @Test
    void retriesRunOutAndTheFeedStopsWithWhatWasNotSent() throws IOException {
        for (int i = 0; i < 3; i++) {
            scripted.add(502);
        }
        Run run = feed(csv(line("S1", "VIN00000000000001", "10", "SUV", "30000")), "--retries", "2");
        assertEquals(DealerFeed.STOPPED, run.exit());
        assertEquals(3, requests.size());
        assertTrue(run.err().contains("gave up after 3 attempts"), run.err());
        assertTrue(run.out().contains("1 not sent"), run.out());
    }

    @Test
    void itemsTheApiCouldNotStoreNowAreSentAgainAlone() throws IOException {
        busyOnce.add("VIN00000000000002");
        Run run = feed(csv(line("S1", "VIN00000000000001", "10", "SUV", "30000"),
                line("S2", "VIN00000000000002", "10", "SUV", "30000")));
        assertEquals(DealerFeed.OK, run.exit(), run.err() + run.out());
        assertEquals(List.of(List.of("VIN00000000000001", "VIN00000000000002"), List.of("VIN00000000000002")), requests);
        assertTrue(run.out().contains("summary: 2 stored"), run.out());
    }

    @Test
    void aRequestTooLargeIsSentInHalves() throws IOException {
        largest = 1;
        Run run = feed(csv(line("S1", "VIN00000000000001", "10", "SUV", "30000"),
                line("S2", "VIN00000000000002", "10", "SUV", "30000")));
        assertEquals(DealerFeed.OK, run.exit(), run.err() + run.out());
        assertEquals(List.of(2, 1, 1), requests.stream().map(List::size).toList());
        assertEquals(2, stock.size());
    }

    @Test
    void aLargeRequestThatFailedIsSentAgainInHalvesAndLaterRequestsStaySmall() throws IOException {
        scripted.add(500);
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            lines.add(line("S" + i, String.format("VIN%014d", i), "10", "SUV", "30000"));
        }
        Run run = feed(csv(lines.toArray(String[]::new)), "--batch-size", "4");
        assertEquals(DealerFeed.OK, run.exit(), run.err() + run.out());
        assertEquals(List.of(4, 2, 2, 2, 1), requests.stream().map(List::size).toList(),
                "the failed 4 as 2 + 2, then the last 3 as 2 + 1");
        assertTrue(run.err().contains("the API answered 500 for a request of 4 vehicles; sending them again in two"),
                run.err());
        assertTrue(run.out().contains("summary: 7 stored, 0 unchanged, 0 rejected"), run.out());
    }

    @Test
    void aRefusedCredentialStopsTheFeed() throws IOException {
        Path credential = dir.resolve("wrong");
        Files.writeString(credential, "acd_dlr-feed_wrong");
        Run run = feed(Map.of(), "--api", "http://127.0.0.1:" + server.getAddress().getPort(), "--dealer", "dlr-feed",
                "--credential-file", credential.toString(), csv(line("S1", "VIN00000000000001", "1", "SUV", "3")).toString());
        assertEquals(DealerFeed.STOPPED, run.exit());
        assertTrue(run.err().contains("401") && run.err().contains("credential"), run.err());
        Run other = feed(Map.of(FeedOptions.CREDENTIAL_VARIABLE, CREDENTIAL), "--api", "http://127.0.0.1:" + server.getAddress().getPort(), "--dealer", "dlr-other",
                dir.resolve("export.csv").toString());
        assertEquals(DealerFeed.STOPPED, other.exit());
        assertTrue(other.err().contains("(403)") && other.err().contains("another dealer"), other.err());
    }

    @Test
    void theCredentialComesFromAFileOrTheEnvironmentNeverTheCommandLine() throws IOException {
        Path file = csv(line("S1", "VIN00000000000001", "10", "SUV", "30000"));
        String api = "http://127.0.0.1:" + server.getAddress().getPort();
        Run fromEnv = feed(Map.of(FeedOptions.CREDENTIAL_VARIABLE, CREDENTIAL), "--api", api, "--dealer", "dlr-feed",
                file.toString());
        assertEquals(DealerFeed.OK, fromEnv.exit(), fromEnv.err());
        Run none = feed(Map.of(), "--api", api, "--dealer", "dlr-feed", file.toString());
        assertEquals(DealerFeed.STOPPED, none.exit());
        assertTrue(none.err().contains("--credential-file"), none.err());
        Run onCommandLine = feed(Map.of(), "--dealer", "dlr-feed", "--credential", CREDENTIAL, file.toString());
        assertEquals(DealerFeed.STOPPED, onCommandLine.exit());
        assertTrue(onCommandLine.err().contains("not taken on the command line"), onCommandLine.err());
    }

    @Test
    void aDryRunSendsNothing() throws IOException {
        Run run = feed(Map.of(), "--dealer", "dlr-feed", "--dry-run", "--progress", "off",
                csv(line("S1", "VIN00000000000001", "10", "SUV", "30000"), line("S2", "VIN00000000000002", "1", "Blimp", "1")).toString());
        assertEquals(DealerFeed.ROWS_REJECTED, run.exit());
        assertTrue(requests.isEmpty());
        assertEquals(1, run.rejectedLines().size());
        assertTrue(run.err().contains("1 of 2 rows would be sent"), run.err());
    }

    @Test
    void anUnusableFileStopsBeforeSendingAnything() throws IOException {
        Path noVin = dir.resolve("novin.csv");
        Files.writeString(noVin, "Stock,Make\nS1,Chevrolet\n");
        Run run = feed(noVin);
        assertEquals(DealerFeed.STOPPED, run.exit());
        assertTrue(run.err().contains("row 1 (the header): the header row has no VIN column"), run.err());
        Path open = dir.resolve("open.csv");
        Files.writeString(open, HEADER + "S1,\"VIN0000000000001,Used\n");
        Run unclosed = feed(open);
        assertEquals(DealerFeed.STOPPED, unclosed.exit());
        assertTrue(unclosed.err().contains("row 2: a quoted field is never closed"), unclosed.err());
        assertTrue(requests.isEmpty());
    }

    @Test
    void helpNamesTheExitCodes() {
        Run help = feed(Map.of(), "--help");
        assertEquals(DealerFeed.OK, help.exit());
        assertTrue(help.out().contains("Exit status:"));
        assertTrue(help.out().contains("1  at least one row was rejected"));
        assertFalse(help.out().contains("%s"));
    }

    @Test
    void windows1252ExportsAreReadToo() {
        byte[] latin = "Make\nCitro\u00ebn\n".getBytes(java.nio.charset.Charset.forName("windows-1252"));
        List<String> notes = new ArrayList<>();
        assertEquals("Make\nCitro\u00ebn\n", DealerFeed.text(latin, notes::add));
        assertEquals(1, notes.size());
    }
}
