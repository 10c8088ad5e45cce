package dev.autocentric.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.local.LocalRuntime;
import dev.autocentric.local.Options;
import dev.autocentric.local.emulator.Deployment;
import dev.autocentric.local.emulator.ProjectRoot;
import dev.autocentric.local.lambda.FunctionConfig;
import dev.autocentric.local.lambda.FunctionPool;
import dev.autocentric.local.lambda.InvocationResult;
import dev.autocentric.shared.dealer.DealerCredentials;
import dev.autocentric.shared.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cold and warm starts of every function of template.yaml, through the local runtime: each cold
 * start is a new JVM with the official runtime interface client, timed from process start to its
 * first answer through the Lambda Runtime API, for one representative event (a request that
 * reads DynamoDB). The floor is {@code infra/baseline}: a plain RequestHandler making one
 * GetItem with the same client settings, measured in the same run, interleaved with the functions
 * so that drift on the machine touches all alike. Each function's {@code coldStartRatio} is its
 * median cold start over the baseline's. Tables start empty (reads find nothing, which costs the
 * same round trip).
 */
final class ColdStartBench {

    static final String MICRONAUT_HANDLER = "io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction";
    static final String RUNTIME_JSON_HANDLER = "dev.autocentric.shared.http.ApiRuntimeJsonFunction";

    /** What JsonLogging sets up, as logback XML: the variant that measures the XML parser's share. */
    static final String LOGBACK_XML = """
            <configuration>
              <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder class="dev.autocentric.shared.logging.JsonLineEncoder"/>
              </appender>
              <logger name="io.micronaut" level="WARN"/>
              <logger name="software.amazon.awssdk" level="WARN"/>
              <root level="INFO">
                <appender-ref ref="STDOUT"/>
              </root>
            </configuration>
            """;

    /** A function and the event that wakes it. */
    record Probe(String logicalId, String event, String note) {
    }

    private final int coldRuns;
    private final int warmRuns;
    private final List<String> only;

    /** {@code only}: the rows to measure (logical ids or variant labels) besides the baseline; empty for all. */
    ColdStartBench(int coldRuns, int warmRuns, List<String> only) {
        this.coldRuns = coldRuns;
        this.warmRuns = warmRuns;
        this.only = only;
    }

    Report.Section run() throws IOException {
        Path root = ProjectRoot.find();
        Path work = Files.createTempDirectory("autocentric-coldstart");
        String admin = DealerCredentials.sha256Hex("bench-cold-start");
        Options options = Options.forTemplate(root.resolve("template.yaml")).parameter("AdminTokenSha256", admin)
                .parameter("LocalMode", "true").httpPort(0).seed("none").concurrency(1)
                .stateDirectory(work.resolve("state")).logDirectory(work.resolve("logs"));
        try (LocalRuntime runtime = LocalRuntime.start(options)) {
            List<Probe> probes = probes(runtime.deployment(), root);
            FunctionConfig listing = runtime.functionConfig("ListingFunction");
            FunctionConfig baseline = new FunctionConfig(listing.name() + "-baseline",
                    root.resolve("infra/baseline/target/baseline-function.jar"),
                    "dev.autocentric.baseline.BaselineFunction::handleRequest", listing.memoryMb(),
                    listing.timeout(), listing.environment());
            Map<String, FunctionConfig> configs = new LinkedHashMap<>();
            configs.put("Baseline", baseline);
            for (Probe p : probes) {
                configs.put(p.logicalId(), runtime.functionConfig(p.logicalId()));
            }
            Map<String, String> events = new LinkedHashMap<>();
            events.put("Baseline", "{\"vin\":\"1G1ZD5ST1LF012345\"}");
            probes.forEach(p -> events.put(p.logicalId(), p.event()));
            // the cold-start measures, each taken away once from the listing function, to show what it buys
            Path xml = work.resolve("logback.xml");
            Files.writeString(xml, LOGBACK_XML);
            String tool = listing.environment().getOrDefault("JAVA_TOOL_OPTIONS", "");
            String listingEvent = events.get("ListingFunction");
            variant(configs, events, "Listing: Micronaut's handler, no early client",
                    with(runtime.functionConfig("ListingFunction"), MICRONAUT_HANDLER, Map.of()), listingEvent);
            variant(configs, events, "Listing: the runtime's JSON reads the event",
                    with(runtime.functionConfig("ListingFunction"), RUNTIME_JSON_HANDLER, Map.of()), listingEvent);
            variant(configs, events, "Listing: no early warm-ups",
                    with(runtime.functionConfig("ListingFunction"), null, Map.of("COLD_START_WARM_UP", "off")), listingEvent);
            variant(configs, events, "Search: no early warm-ups",
                    with(runtime.functionConfig("SearchFunction"), null, Map.of("COLD_START_WARM_UP", "off")),
                    events.get("SearchFunction"));
            variant(configs, events, "Listing: logback.xml instead of JsonLogging",
                    with(runtime.functionConfig("ListingFunction"), null,
                            Map.of("JAVA_TOOL_OPTIONS", (tool + " -Dlogback.configurationFile=" + xml).strip())), listingEvent);
            variant(configs, events, "Listing: full tiered compilation",
                    with(runtime.functionConfig("ListingFunction"), null,
                            Map.of("JAVA_TOOL_OPTIONS", tool.replace("-XX:TieredStopAtLevel=1", "").replaceAll(" +", " ").strip())),
                    listingEvent);
            if (!only.isEmpty()) { // a quicker run of some rows, for comparing changes (not for the report)
                configs.keySet().removeIf(id -> !id.equals("Baseline") && !only.contains(id));
            }

            Map<String, List<Long>> cold = new LinkedHashMap<>();
            Map<String, List<Long>> init = new LinkedHashMap<>();
            configs.keySet().forEach(id -> {
                cold.put(id, new ArrayList<>());
                init.put(id, new ArrayList<>());
            });
            for (int round = 1; round <= coldRuns; round++) {
                for (Map.Entry<String, FunctionConfig> e : configs.entrySet()) {
                    try (FunctionPool pool = runtime.newPool(e.getValue())) {
                        InvocationResult r = pool.invoke(events.get(e.getKey()).getBytes(StandardCharsets.UTF_8),
                                Duration.ofSeconds(60));
                        if (!r.succeeded()) {
                            throw new IllegalStateException(e.getKey() + " failed its probe: " + r);
                        }
                        var start = pool.stats().coldStarts().getFirst();
                        cold.get(e.getKey()).add(start.firstResponse().toNanos());
                        init.get(e.getKey()).add(start.init().toNanos());
                    }
                }
                System.out.printf(Locale.ROOT, "bench cold starts: round %d of %d%n", round, coldRuns);
            }
            Map<String, List<Long>> warm = new LinkedHashMap<>();
            for (Map.Entry<String, FunctionConfig> e : configs.entrySet()) {
                List<Long> times = new ArrayList<>();
                try (FunctionPool pool = runtime.newPool(e.getValue())) {
                    byte[] event = events.get(e.getKey()).getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; i < warmRuns + 5; i++) {
                        long t0 = System.nanoTime();
                        InvocationResult r = pool.invoke(event, Duration.ofSeconds(60));
                        long took = System.nanoTime() - t0;
                        if (!r.succeeded()) {
                            throw new IllegalStateException(e.getKey() + " failed a warm probe: " + r);
                        }
                        if (i >= 5) { // the first few warm the JIT, as a container's first requests do
                            times.add(took);
                        }
                    }
                }
                warm.put(e.getKey(), times);
            }
            return report(configs, probes, events, cold, init, warm);
        }
    }

    private Report.Section report(Map<String, FunctionConfig> configs, List<Probe> probes, Map<String, String> events,
                                  Map<String, List<Long>> cold, Map<String, List<Long>> init,
                                  Map<String, List<Long>> warm) {
        ObjectNode figures = Json.MAPPER.createObjectNode();
        figures.put("coldRuns", coldRuns);
        figures.put("warmRuns", warmRuns);
        double baselineMedian = median(cold.get("Baseline"));
        ObjectNode functions = figures.putObject("functions");
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, """
                Each function's cold start through the local runtime: a new JVM (the official runtime
                interface client, the template's memory setting and environment, the deployment package
                unpacked into the working directory and loaded by the runtime's class loader, as Lambda
                runs it from `/var/task`) from process start to
                its first answer through the Lambda Runtime API, for one representative event that reads
                DynamoDB; median of %d per function, the functions and the baseline taken in turn in
                each round. **Baseline**: `infra/baseline`, a plain `RequestHandler` making one GetItem
                with the functions' own client settings. `coldStartRatio` = median cold start ÷ the
                baseline's median in this run. Warm: %d invocations of one instance after 5 unmeasured.
                Init = process start to the first `/next` (Lambda's Init Duration). SnapStart cannot be
                measured here (no CRaC JVM): these are full JVM starts, the worst case; with SnapStart
                the init part comes from the snapshot. Tables are empty, so reads find nothing (the same
                round trip to the emulator). The rows "Listing: ..." and "Search: ..." each take one
                cold-start measure away from that function, to show what it is worth in this run: the early
                DynamoDB client (`ApiFunction` builds it on a second thread while Micronaut starts), reading
                the API Gateway event with the application's Jackson (`ApiFunction` is a stream handler;
                otherwise the runtime's bundled Jackson is set up on the first request's path), the
                early warm-ups (that thread then loads Reactor for Micronaut's router and what the function's
                `ColdStartWarmUp` names: its tables' schemas, for search the ZIP table, for orders the order
                parser; `COLD_START_WARM_UP=off` skips them), logging configured in code (`JsonLogging`, no
                XML parser), and `-XX:TieredStopAtLevel=1` in JAVA_TOOL_OPTIONS.

                | function | probe | JAR MiB | init median ms | cold median ms | cold p90 ms | coldStartRatio | warm median ms | warm p99 ms |
                |---|---|---:|---:|---:|---:|---:|---:|---:|
                """, coldRuns, warmRuns));
        for (String id : configs.keySet()) {
            long[] c = sorted(cold.get(id));
            long[] w = sorted(warm.get(id));
            double ratio = median(cold.get(id)) / baselineMedian;
            double jarMiB = jarSize(configs.get(id).jar()) / (1024.0 * 1024.0);
            String note = id.equals("Baseline") ? "one GetItem"
                    : probes.stream().filter(p -> p.logicalId().equals(id)).findFirst().map(Probe::note)
                    .orElseGet(() -> probes.stream().filter(p -> p.event().equals(events.get(id))).findFirst()
                            .map(Probe::note).orElse("?") + " (variant)");
            ObjectNode f = functions.putObject(id);
            f.put("jar", ProjectRoot.find().relativize(configs.get(id).jar()).toString());
            f.put("jarBytes", jarSize(configs.get(id).jar()));
            f.put("probe", note);
            f.put("initMedianMs", SearchBench.round(ms(median(init.get(id)))));
            f.put("coldMedianMs", SearchBench.round(ms(median(cold.get(id)))));
            f.put("coldP90Ms", SearchBench.round(ms(SearchBench.percentile(c, 0.90))));
            f.put("coldStartRatio", SearchBench.round(ratio));
            f.put("warmMedianMs", SearchBench.round(ms(SearchBench.percentile(w, 0.5))));
            f.put("warmP99Ms", SearchBench.round(ms(SearchBench.percentile(w, 0.99))));
            ArrayNode runs = f.putArray("coldMs");
            cold.get(id).forEach(n -> runs.add(SearchBench.round(ms(n))));
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.0f | %.0f | %.0f | %.2f | %.1f | %.1f |%n",
                    id, note, jarMiB, ms(median(init.get(id))), ms(median(cold.get(id))),
                    ms(SearchBench.percentile(c, 0.90)), ratio, ms(SearchBench.percentile(w, 0.5)),
                    ms(SearchBench.percentile(w, 0.99))));
        }
        return new Report.Section("coldstart", figures, md.toString());
    }

    /** A function with another handler and/or environment entries. */
    private static FunctionConfig with(FunctionConfig base, String handler, Map<String, String> env) {
        Map<String, String> environment = new LinkedHashMap<>(base.environment());
        environment.putAll(env);
        return new FunctionConfig(base.name(), base.jar(), handler == null ? base.handler() : handler,
                base.memoryMb(), base.timeout(), environment);
    }

    private static void variant(Map<String, FunctionConfig> configs, Map<String, String> events, String label,
                                FunctionConfig config, String event) {
        configs.put(label, config);
        events.put(label, event);
    }

    /** The functions of template.yaml and an event for each (API events from events/http). */
    static List<Probe> probes(Deployment deployment, Path root) throws IOException {
        String listingsStream = deployment.streamArn("ListingsTable");
        String ordersStream = deployment.streamArn("OrdersTable");
        String streamRecord = """
                {"Records":[{"eventID":"bench-1","eventName":"INSERT","eventVersion":"1.1","eventSource":"aws:dynamodb",
                 "awsRegion":"us-east-1","eventSourceARN":"%s",
                 "dynamodb":{"ApproximateCreationDateTime":1795849200,"Keys":{"vin":{"S":"1G1ZD5ST1LF012345"}},
                  "NewImage":{"vin":{"S":"1G1ZD5ST1LF012345"},"dealerId":{"S":"dlr-bench"},"status":{"S":"AVAILABLE"},
                   "listed":{"BOOL":true},"make":{"S":"Chevrolet"},"model":{"S":"Malibu"},"year":{"N":"2024"},
                   "mileage":{"N":"12"},"ePriceCents":{"N":"2749900"},"msrpCents":{"N":"2899500"},"version":{"N":"1"},
                   "updatedAt":{"S":"2026-11-26T08:00:00Z"}},
                  "SequenceNumber":"1","SizeBytes":300,"StreamViewType":"NEW_AND_OLD_IMAGES"}}]}
                """.formatted(listingsStream);
        String orderEvent = Files.readString(root.resolve("events/OrderPlaced.json"));
        String sqs = Json.write(Map.of("Records", List.of(Map.of("messageId", "bench-1", "receiptHandle", "bench",
                "body", orderEvent, "attributes", Map.of("ApproximateReceiveCount", "1"),
                "eventSource", "aws:sqs", "eventSourceARN", deployment.arn("WebhookQueue")))));
        String schedule = """
                {"version":"0","id":"bench","detail-type":"Scheduled Event","source":"aws.events","account":"123456789012",
                 "time":"2026-11-26T08:00:00Z","region":"us-east-1","resources":[],"detail":{}}
                """;
        List<Probe> probes = new ArrayList<>();
        probes.add(new Probe("ListingFunction", http(root, "get-listing"), "GET /v1/listings/{vin}"));
        probes.add(new Probe("PricingFunction", http(root, "get-price-history"), "GET /v1/listings/{vin}/price-history"));
        probes.add(new Probe("MarketStatsFunction", streamRecord, "a Listings stream record"));
        probes.add(new Probe("SearchFunction", http(root, "search"), "GET /v1/search"));
        probes.add(new Probe("OrdersFunction", http(root, "place-order"), "POST /v1/orders (a bad quote: 400 after the key's GetItem)"));
        probes.add(new Probe("OrderExpiryFunction", schedule, "a scheduled sweep"));
        probes.add(new Probe("RoutingFunction", http(root, "get-dealer"), "GET /v1/dealers/{dealerId}"));
        probes.add(new Probe("PublisherFunction", streamRecord, "a Listings stream record (PutEvents)"));
        probes.add(new Probe("NotifierFunction", sqs, "an SQS message of OrderPlaced"));
        if (ordersStream == null) {
            throw new IllegalStateException("no Orders stream");
        }
        return probes;
    }

    private static String http(Path root, String sample) throws IOException {
        return Files.readString(root.resolve("events/http/" + sample + ".json"));
    }

    private static long jarSize(Path jar) {
        try {
            return Files.size(jar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long[] sorted(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static double median(List<Long> values) {
        long[] s = sorted(values);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    private static double ms(double nanos) {
        return nanos / 1_000_000.0;
    }
}
