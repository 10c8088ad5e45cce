package dev.autocentric.local.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loads the demo marketplace through the public HTTP API, exactly as an operator and dealer
 * systems would: each dealer is enrolled with {@code POST /v1/admin/dealers} and pushes its stock
 * with {@code POST /v1/dealers/{id}/inventory/batch}. Writes the dealers and their credentials to
 * {@code demo-dealers.json} so a developer can act as any of them.
 */
public final class DemoSeed {
    /**
     * What the demo holds: the dealer network of the routing issue (about 7,800 GM delivery points
     * and 3,000 dealers of other brands), of which {@code stockedDealers}, spread evenly through the
     * list and always including the first, push {@code vehiclesPerDealer} vehicles each.
     */
    public record Size(int gmDealers, int otherDealers, int stockedDealers, int vehiclesPerDealer) {
        public static final Size DEFAULT = new Size(7_800, 3_000, 300, 10);
        /** A tenth of the dealer network with the same 3,000 vehicles: quick to load (the default of `make run`). */
        public static final Size SMALL = new Size(780, 300, 300, 10);

        /** Whether the dealer at this position of the list has stock. */
        boolean stocked(int position) {
            int dealers = gmDealers + otherDealers;
            int stride = Math.max(1, dealers / Math.max(1, stockedDealers));
            return stockedDealers > 0 && position % stride == 0 && position / stride < stockedDealers;
        }
    }

    /** What was loaded. */
    public record Result(int dealers, int vehiclesStored, int vehiclesRejected, Duration took) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int IN_FLIGHT = 8;

    private final URI api;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public DemoSeed(URI api, String adminToken) {
        this.api = api;
        this.adminToken = adminToken;
    }

    public Result load(long seed, Size size, Path dealersFile) {
        long start = System.nanoTime();
        DemoNetwork network = new DemoNetwork(seed);
        List<DemoNetwork.DemoDealer> dealers = network.dealers(size.gmDealers(), size.otherDealers());
        List<DemoNetwork.DemoDealer> stocked = new ArrayList<>();
        for (int i = 0; i < dealers.size(); i++) {
            if (size.stocked(i)) {
                stocked.add(dealers.get(i));
            }
        }
        Map<String, List<Map<String, Object>>> stock = network.stock(stocked, size.vehiclesPerDealer());
        AtomicInteger stored = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        List<Map<String, Object>> written = new ArrayList<>();
        Semaphore slots = new Semaphore(IN_FLIGHT);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Map<String, Object>>> futures = new ArrayList<>();
            for (DemoNetwork.DemoDealer d : dealers) {
                futures.add(pool.submit(() -> {
                    slots.acquire();
                    try {
                        String credential = enrol(d);
                        List<Map<String, Object>> vehicles = stock.get(d.dealerId());
                        JsonNode results = vehicles == null ? JSON.createArrayNode()
                                : push(d.dealerId(), credential, vehicles);
                        for (JsonNode r : results) {
                            if (r.path("status").asText().equals("rejected")) {
                                rejected.incrementAndGet();
                                System.err.println("demo seed: " + d.dealerId() + " " + r);
                            } else {
                                stored.incrementAndGet();
                            }
                        }
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("dealerId", d.dealerId());
                        entry.put("name", d.name());
                        entry.put("network", d.network());
                        entry.put("brands", d.brands());
                        entry.put("city", d.city());
                        entry.put("state", d.state());
                        entry.put("zip", d.zip());
                        entry.put("lat", d.lat());
                        entry.put("lon", d.lon());
                        entry.put("deliveryPoint", d.deliveryPoint());
                        entry.put("credential", credential);
                        return entry;
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<Map<String, Object>> f : futures) {
                written.add(f.get());
            }
        } catch (Exception e) {
            throw new IllegalStateException("demo seed failed: " + e.getMessage(), e);
        }
        try {
            Files.createDirectories(dealersFile.toAbsolutePath().getParent());
            JSON.writeValue(dealersFile.toFile(), written);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(dealers.size(), stored.get(), rejected.get(), Duration.ofNanos(System.nanoTime() - start));
    }

    private String enrol(DemoNetwork.DemoDealer d) throws IOException, InterruptedException {
        JsonNode answer = send("POST", "/v1/admin/dealers", adminToken, d.body(), 201);
        return answer.path("credential").asText();
    }

    private JsonNode push(String dealerId, String credential, List<Map<String, Object>> vehicles)
            throws IOException, InterruptedException {
        JsonNode answer = send("POST", "/v1/dealers/" + dealerId + "/inventory/batch", credential,
                Map.of("items", vehicles), 200);
        return answer.path("results");
    }

    private JsonNode send(String method, String path, String bearer, Object body, int expected)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(api.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json")
                .header("authorization", "Bearer " + bearer)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        // a busy laptop can time out a cold function (500/503): try again, a little later each time.
        // Both calls are safe to repeat: a batch upsert is idempotent, and an enrolment that did go
        // through answers 409 on the retry, which stops the seed with that message.
        for (int attempt = 1; attempt < 4 && response.statusCode() >= 500; attempt++) {
            Thread.sleep(500L * attempt);
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }
}
