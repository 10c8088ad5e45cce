package dev.autocentric.search;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autocentric.local.seed.ListingCorpus;
import dev.autocentric.local.seed.SearchMix;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import dev.autocentric.shared.paging.PageCursor;
import dev.autocentric.shared.problem.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What a page costs, by the benchmark's query classes ({@link SearchMix}), over 100,000 generated
 * listings held in {@link MemoryIndexReader}: for each class, many more queries than the emulator
 * benchmark can afford, each walking its first two pages of 20. The items the engine reads per item
 * it returns (read counts do not depend on where the index lives) must stay at or below 3 in the
 * median of every class, and its Queries at or below 100 per page. The emulator figures are in
 * bench/report.md.
 */
class SearchCostTest {

    static final double BUDGET = 3.0;
    /** Reading less must not be bought with a flood of small Queries. */
    static final double REQUESTS_PER_PAGE = 100;
    static final int PAGES = 2;

    @Test
    void everyQueryClassReadsAtMostThreeItemsPerItemItReturns() {
        int size = Integer.getInteger("search.cost.corpus", 100_000);
        int perClass = Integer.getInteger("search.cost.queries", 40);
        List<Listing> corpus = ListingCorpus.generate(42, size);
        List<Listing> searchable = corpus.stream()
                .filter(l -> l.vehicle().listed() && l.status() == ListingStatus.AVAILABLE).toList();
        SearchService service = new SearchService(new SearchEngine(new MemoryIndexReader(corpus)),
                PageCursor.fromSecret("cost"), null);
        List<String> over = new ArrayList<>();
        for (SearchMix.QueryClass c : SearchMix.classes()) {
            Random random = new Random(7 + c.name().hashCode());
            List<Double> ratios = new ArrayList<>();
            long requests = 0;
            long pages = 0;
            int refused = 0;
            for (int i = 0; i < perClass; i++) {
                Map<String, String> query = c.draw().apply(searchable.get(random.nextInt(searchable.size())), random);
                long[] w = walk(service, query);
                if (w == null) {
                    refused++;
                    continue;
                }
                if (w[1] > 0) {
                    ratios.add((double) w[0] / w[1]);
                }
                requests += w[2];
                pages += w[3];
            }
            double median = median(ratios);
            System.out.printf(Locale.ROOT, "search cost %,d %-18s read/returned median %5.2f  max %6.2f  queries/page %5.1f  refused %d%n",
                    size, c.name(), median, ratios.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                    pages == 0 ? 0 : (double) requests / pages, refused);
            double requestsPerPage = pages == 0 ? 0 : (double) requests / pages;
            if (median > BUDGET || requestsPerPage > REQUESTS_PER_PAGE) {
                over.add(c.name() + " " + String.format(Locale.ROOT, "%.2f read/returned, %.1f queries/page", median,
                        requestsPerPage));
            }
            assertTrue(refused == 0, c.name() + ": " + refused + " searches refused as too broad");
        }
        assertTrue(over.isEmpty(), "classes reading more than " + BUDGET + " items per item returned or making more than "
                + REQUESTS_PER_PAGE + " queries per page: " + over);
    }

    /** {items read, items returned, requests, pages} over the first pages of a query; null when refused. */
    static long[] walk(SearchService service, Map<String, String> query) {
        long[] w = new long[4];
        String cursor = null;
        try {
            do {
                Map<String, List<String>> params = new LinkedHashMap<>();
                query.forEach((k, v) -> params.put(k, List.of(v)));
                if (cursor != null) {
                    params.put("cursor", List.of(cursor));
                }
                SearchService.Answer a = service.search(params);
                w[0] += a.result().itemsRead();
                w[1] += a.result().hits().size();
                w[2] += a.result().requests();
                w[3]++;
                cursor = a.body().has("nextCursor") ? a.body().get("nextCursor").asText() : null;
            } while (cursor != null && w[3] < PAGES);
        } catch (ProblemException e) {
            return null;
        }
        return w;
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return 0;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
