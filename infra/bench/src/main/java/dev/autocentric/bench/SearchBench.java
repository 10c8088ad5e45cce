package dev.autocentric.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.local.seed.ListingCorpus;
import dev.autocentric.local.seed.SearchMix;
import dev.autocentric.local.seed.SearchMix.QueryClass;
import dev.autocentric.local.testkit.LocalAws;
import dev.autocentric.search.DynamoIndexReader;
import dev.autocentric.search.SearchEngine;
import dev.autocentric.search.SearchService;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import dev.autocentric.shared.paging.PageCursor;
import dev.autocentric.shared.problem.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Search (issue 4): the cost of a page by query class over the generated corpus at 10,000 and
 * 100,000 listings, through the search function's own service and engine with the real SDK client
 * against moto. Per page: index items read (DynamoDB's ScannedCount; the engine uses no filter
 * expressions, so ScannedCount = Count and the filtering it does itself is counted as reading),
 * items returned, Query requests, latency. Each query walks its first {@value #PAGES} pages.
 */
final class SearchBench {

    static final long SEED = 42;
    static final int PAGES = 2;
    static final int LIMIT = SearchMix.LIMIT;

    private final int perClass;
    private final int[] sizes;

    SearchBench(int perClass, int[] sizes) {
        this.perClass = perClass;
        this.sizes = sizes;
    }

    Report.Section run() {
        LocalAws aws = LocalAws.shared();
        ObjectNode f = Json.MAPPER.createObjectNode();
        f.put("runAt", Instant.now().toString());
        f.put("pageSize", LIMIT);
        f.put("pagesPerQuery", PAGES);
        f.put("queriesPerClass", perClass);
        ObjectNode bySize = f.putObject("bySize");
        Map<String, Map<Integer, double[]>> table = new LinkedHashMap<>();
        StringBuilder loads = new StringBuilder();
        for (int size : sizes) {
            String listingsTable = aws.createTables("benchsearch" + size + "x" + Long.toHexString(System.nanoTime()))
                    .get("ListingsTable");
            List<Listing> corpus = ListingCorpus.generate(SEED, size);
            long t = System.nanoTime();
            ListingCorpus.load(aws.dynamo(), listingsTable, corpus, 4);
            double loadSeconds = (System.nanoTime() - t) / 1e9;
            List<Listing> searchable = corpus.stream()
                    .filter(l -> l.vehicle().listed() && l.status() == ListingStatus.AVAILABLE).toList();
            System.out.printf(Locale.ROOT, "bench search: %,d listings (%,d searchable) loaded in %.1f s%n", size,
                    searchable.size(), loadSeconds);
            loads.append(String.format(Locale.ROOT, "%,d listings (%,d searchable) loaded in %.0f s; ", size,
                    searchable.size(), loadSeconds));
            SearchService service = new SearchService(new SearchEngine(new DynamoIndexReader(aws.dynamo(), listingsTable)),
                    PageCursor.fromSecret("bench"), null);
            ObjectNode sizeNode = bySize.putObject(Integer.toString(size));
            sizeNode.put("listings", size);
            sizeNode.put("searchable", searchable.size());
            sizeNode.put("loadSeconds", Math.round(loadSeconds * 10) / 10.0);
            // warm the JIT and the emulator's caches with a few searches of each class
            Random warm = new Random(1);
            for (QueryClass c : SearchMix.classes()) {
                walk(service, c.draw().apply(searchable.get(warm.nextInt(searchable.size())), warm));
            }
            for (QueryClass c : SearchMix.classes()) {
                Random random = new Random(SEED + c.name().hashCode()); // the same queries at every size
                List<Double> amplification = new ArrayList<>();
                List<Double> requestsPerPage = new ArrayList<>();
                List<Double> itemsPerPage = new ArrayList<>();
                List<Long> latencies = new ArrayList<>();
                long returned = 0;
                long read = 0;
                int refused = 0;
                for (int i = 0; i < perClass; i++) {
                    Map<String, String> query = c.draw().apply(searchable.get(random.nextInt(searchable.size())), random);
                    Walk w = walk(service, query);
                    if (w == null) {
                        refused++;
                        continue;
                    }
                    if (w.returned > 0) {
                        amplification.add((double) w.read / w.returned);
                    }
                    for (int p = 0; p < w.pages; p++) {
                        latencies.add(w.nanos.get(p));
                    }
                    requestsPerPage.add((double) w.requests / w.pages);
                    itemsPerPage.add((double) w.read / w.pages);
                    returned += w.returned;
                    read += w.read;
                }
                long[] lat = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
                double[] figures = {median(amplification), median(requestsPerPage), median(itemsPerPage),
                        percentile(lat, 0.5) / 1e6, percentile(lat, 0.99) / 1e6, refused,
                        returned == 0 ? 0 : (double) read / returned};
                table.computeIfAbsent(c.name(), k -> new LinkedHashMap<>()).put(size, figures);
                ObjectNode cn = sizeNode.putObject(c.name());
                cn.put("description", c.description());
                cn.put("medianItemsReadPerItemReturned", round(figures[0]));
                cn.put("itemsReadPerItemReturnedOverall", round(figures[6]));
                cn.put("scannedCountOverCount", 1.0);
                cn.put("medianQueriesPerPage", round(figures[1]));
                cn.put("medianItemsReadPerPage", round(figures[2]));
                cn.put("latencyMedianMillis", round(figures[3]));
                cn.put("latencyP99Millis", round(figures[4]));
                cn.put("refusedAsTooBroad", refused);
                System.out.printf(Locale.ROOT, "bench search %,d %-18s read/returned %6.2f  queries/page %6.1f  items/page %7.1f  "
                        + "latency %6.1f / %6.1f ms  refused %d%n", size, c.name(), figures[0], figures[1], figures[2],
                        figures[3], figures[4], refused);
            }
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, """
                GET /v1/search by query class over the generated corpus (the demo dealer network, every listing \
                state; %s), %d queries per class drawn around random searchable vehicles (the same queries at \
                each size), each walking its first %d pages of %d, through the search function's service and \
                engine with the real SDK client against moto. *Read/returned* is index items read (DynamoDB \
                ScannedCount) per item returned, median over the class's queries; the engine uses no filter \
                expressions, so ScannedCount/Count is 1.0 by construction and every item it reads and drops \
                is counted here. Latency is per page against moto on this machine (the emulator, not the \
                engine, dominates it).

                | class | size | read/returned (median) | queries/page | items read/page | latency median | p99 |
                |---|---:|---:|---:|---:|---:|---:|
                """, loads.toString().replaceAll("; $", ""), perClass, PAGES, LIMIT));
        table.forEach((name, rows) -> rows.forEach((size, v) -> md.append(String.format(Locale.ROOT,
                "| %s | %,d | %.2f | %.1f | %.1f | %.1f ms | %.1f ms |%n", name, size, v[0], v[1], v[2], v[3], v[4]))));
        if (sizes.length >= 2) {
            int small = sizes[0];
            int large = sizes[sizes.length - 1];
            md.append(String.format(Locale.ROOT, "%nItems read per page at %,d over at %,d listings (1.0 = flat as the "
                    + "table grows):%n%n| class | ratio |%n|---|---:|%n", large, small));
            ArrayNode ratios = f.putArray("itemsPerPageRatioLargeOverSmall");
            table.forEach((name, rows) -> {
                double ratio = rows.get(large)[2] / Math.max(1e-9, rows.get(small)[2]);
                md.append(String.format(Locale.ROOT, "| %s | %.2f |%n", name, ratio));
                ratios.addObject().put("class", name).put("ratio", round(ratio));
            });
        }
        for (QueryClass c : SearchMix.classes()) {
            md.append(String.format(Locale.ROOT, "%n- `%s`: %s", c.name(), c.description()));
        }
        md.append('\n');
        return new Report.Section("search", f, md.toString());
    }

    record Walk(int pages, long read, long returned, long requests, List<Long> nanos) {
    }

    /** The first pages of a query; null when it was refused as too broad. */
    static Walk walk(SearchService service, Map<String, String> query) {
        String cursor = null;
        int pages = 0;
        long read = 0;
        long returned = 0;
        long requests = 0;
        List<Long> nanos = new ArrayList<>();
        try {
            do {
                Map<String, List<String>> params = new LinkedHashMap<>();
                query.forEach((k, v) -> params.put(k, List.of(v)));
                if (cursor != null) {
                    params.put("cursor", List.of(cursor));
                }
                long t = System.nanoTime();
                SearchService.Answer a = service.search(params);
                nanos.add(System.nanoTime() - t);
                pages++;
                read += a.result().itemsRead();
                returned += a.result().hits().size();
                requests += a.result().requests();
                cursor = a.body().has("nextCursor") ? a.body().get("nextCursor").asText() : null;
            } while (cursor != null && pages < PAGES);
        } catch (ProblemException e) {
            return null;
        }
        return new Walk(pages, read, returned, requests, nanos);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
