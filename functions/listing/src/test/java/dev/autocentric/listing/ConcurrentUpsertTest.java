package dev.autocentric.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autocentric.shared.dealer.Dealer;
import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Two dealers race to upsert the same new VIN: one owns it, and no change is lost. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentUpsertTest {

    ListingApi api;
    InventoryService inventory;
    Dealer a;
    Dealer b;

    @BeforeAll
    void start() {
        api = new ListingApi("Race");
        api.enrol("race-a");
        api.enrol("race-b");
        DealerRepository dealers = api.context.getBean(DealerRepository.class);
        a = dealers.get("race-a").orElseThrow();
        b = dealers.get("race-b").orElseThrow();
        inventory = api.context.getBean(InventoryService.class);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void exactlyOneDealerOwnsTheVinAndEveryChangeIsOneVersion() throws Exception {
        String vin = ListingApi.newVin();
        int perDealer = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(2 * perDealer)) {
            for (int i = 0; i < 2 * perDealer; i++) {
                Dealer dealer = i % 2 == 0 ? a : b;
                long price = 2_000_000 + i * 1_000L;
                outcomes.add(threads.submit(() -> {
                    go.await();
                    try {
                        var done = inventory.upsert(dealer, vin, ListingApi.vehicle(vin).put("ePriceCents", price), null);
                        return dealer.dealerId() + ":" + done.outcome();
                    } catch (ProblemException e) {
                        return dealer.dealerId() + ":" + e.status();
                    }
                }));
            }
            go.countDown();
        }
        List<String> results = new ArrayList<>();
        for (Future<String> f : outcomes) {
            results.add(f.get());
        }
        var stored = api.storedListing(vin);
        String owner = stored.get("dealerId").s();
        String loser = owner.equals("race-a") ? "race-b" : "race-a";
        assertEquals(1, results.stream().filter(r -> r.endsWith(":CREATED")).count(), results::toString);
        assertTrue(results.stream().filter(r -> r.startsWith(loser)).allMatch(r -> r.endsWith(":409")), results::toString);
        long changes = results.stream().filter(r -> r.startsWith(owner)
                && (r.endsWith(":CREATED") || r.endsWith(":UPDATED"))).count();
        assertEquals(changes, Long.parseLong(stored.get("version").n()), results::toString);
    }
}
