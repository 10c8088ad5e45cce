package dev.autocentric.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code make bench}: runs each benchmark and writes its named section into
 * {@code bench/report.json} and {@code bench/report.md}, keeping the sections other benchmarks
 * wrote. Usage: {@code java -jar infra/bench/target/bench.jar [--out bench] [--lookups 10000]
 * [--sections routing,search,coldstart,orders,feed] [--search-queries 8] [--search-sizes 10000,100000]
 * [--cold-runs 7] [--warm-runs 50] [--cold-only ListingFunction,SearchFunction] [--orders 300] [--orders-rounds 20] [--orders-background 5000]
 * [--feed-vehicles 10000] [--feed-batch 250]}.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        String[][] defaults = {{"--out", "bench"}, {"--lookups", "10000"},
                {"--sections", "routing,search,coldstart,orders,feed"}, {"--search-queries", "8"},
                {"--search-sizes", "10000,100000"}, {"--cold-runs", "7"}, {"--warm-runs", "50"}, {"--cold-only", ""}, {"--orders", "300"},
                {"--orders-rounds", "20"}, {"--orders-background", "5000"}, {"--feed-vehicles", "10000"},
                {"--feed-batch", "250"}};
        for (String[] d : defaults) {
            options.put(d[0], d[1]);
        }
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + options.keySet());
            }
            options.put(args[i], args[i + 1]);
        }
        Report report = Report.open(Path.of(options.get("--out")));
        List<String> sections = List.of(options.get("--sections").split(","));
        if (sections.contains("routing")) {
            report.put(new RoutingBench(Integer.parseInt(options.get("--lookups"))).run());
        }
        if (sections.contains("search")) {
            int[] sizes = Arrays.stream(options.get("--search-sizes").split(",")).mapToInt(Integer::parseInt).toArray();
            report.put(new SearchBench(Integer.parseInt(options.get("--search-queries")), sizes).run());
        }
        if (sections.contains("coldstart")) {
            report.put(new ColdStartBench(Integer.parseInt(options.get("--cold-runs")),
                    Integer.parseInt(options.get("--warm-runs")),
                    options.get("--cold-only").isEmpty() ? List.of() : List.of(options.get("--cold-only").split(","))).run());
        }
        if (sections.contains("orders")) {
            report.put(new OrderBench(Integer.parseInt(options.get("--orders")),
                    Integer.parseInt(options.get("--orders-rounds")),
                    Integer.parseInt(options.get("--orders-background"))).run());
        }
        if (sections.contains("feed")) {
            report.put(new FeedBench(Integer.parseInt(options.get("--feed-vehicles")),
                    Integer.parseInt(options.get("--feed-batch"))).run());
        }
        report.write();
        System.out.println("bench: wrote " + report.markdownFile() + " and " + report.jsonFile());
        System.exit(0); // the emulator's shutdown hook stops moto
    }
}
