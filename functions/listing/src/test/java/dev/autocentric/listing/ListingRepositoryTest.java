package dev.autocentric.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The repository against the emulator: conditions, batch reads, and pages that end exactly at the limit. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListingRepositoryTest {

    ListingApi api;
    ListingRepository repo;

    @BeforeAll
    void start() {
        api = new ListingApi("Repo");
        repo = api.context.getBean(ListingRepository.class);
    }

    @AfterAll
    void stop() {
        api.close();
    }

    static Listing listing(String dealerId, String vin, long version) {
        var v = UpsertDecisionTest.CAR;
        var vehicle = new dev.autocentric.shared.listing.Vehicle(vin, v.stockNumber(), v.condition(), v.year(),
                v.make(), v.model(), v.trim(), v.bodyStyle(), v.fuel(), v.drivetrain(), v.transmission(),
                v.exteriorColor(), v.interiorColor(), v.mileage(), v.msrpCents(), v.ePriceCents(), v.listed(),
                List.of("https://x.example/1.jpg"), List.of("Sunroof"));
        return new Listing(vehicle, dealerId, ListingStatus.AVAILABLE, version, UpsertDecisionTest.T0,
                UpsertDecisionTest.T0, "A", "Detroit", "48201", 42.0, -83.0);
    }

    @Test
    void conditionsAreExact() {
        assertEquals("attribute_not_exists(#vin)", ListingRepository.createCondition().expression());
        var c = ListingRepository.replaceCondition(listing("d-1", ListingApi.newVin(), 7));
        assertEquals("#version = :version AND #dealerId = :dealerId AND #status = :status", c.expression());
        assertEquals("7", c.expressionValues().get(":version").n());
        assertEquals("d-1", c.expressionValues().get(":dealerId").s());
        assertEquals("AVAILABLE", c.expressionValues().get(":status").s());
    }

    @Test
    void roundTripsEveryAttribute() {
        Listing l = listing("round-trip", ListingApi.newVin(), 1);
        repo.create(l);
        assertEquals(l, repo.get(l.vin()).orElseThrow());
    }

    @Test
    void createAndReplaceAreConditional() {
        Listing l = listing("cond", ListingApi.newVin(), 1);
        repo.create(l);
        assertThrows(ConditionalCheckFailedException.class, () -> repo.create(l));
        Listing v2 = listing("cond", l.vin(), 2);
        repo.replace(v2, l);
        assertThrows(ConditionalCheckFailedException.class, () -> repo.replace(listing("cond", l.vin(), 3), l));
        assertEquals(2, repo.get(l.vin()).orElseThrow().version());
    }

    @Test
    void batchGetReadsMoreThanOneHundredKeys() {
        List<String> vins = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            Listing l = listing("bulk", ListingApi.newVin(), 1);
            repo.create(l);
            vins.add(l.vin());
        }
        vins.add(ListingApi.newVin()); // absent
        Map<String, Listing> found = repo.getAll(vins);
        assertEquals(130, found.size());
    }

    @Test
    void pagesEndingExactlyAtTheLimitStillKnowWhetherMoreFollow() {
        for (int i = 0; i < 6; i++) {
            repo.create(listing("pager", ListingApi.newVin(), 1));
        }
        var first = repo.byDealer("pager", null, 3);
        assertEquals(3, first.items().size());
        assertTrue(first.more());
        var second = repo.byDealer("pager", first.items().getLast().vin(), 3);
        assertEquals(3, second.items().size());
        assertFalse(second.more());
        var all = repo.byDealer("pager", null, 6);
        assertEquals(6, all.items().size());
        assertFalse(all.more());
    }
}
