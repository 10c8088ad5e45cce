package dev.autocentric.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.shared.dealer.Dealer;
import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.VehicleValidator;
import dev.autocentric.shared.paging.PageCursor;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * Throttled writes in a batch: the emulator never throttles, so this repository over the real
 * emulator tables throttles chosen VINs a set number of times before passing the write through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchRetryTest {

    ListingApi api;
    Dealer dealer;

    @BeforeAll
    void start() {
        api = new ListingApi("Retry");
        api.enrol("retry-a");
        dealer = api.context.getBean(DealerRepository.class).get("retry-a").orElseThrow();
    }

    @AfterAll
    void stop() {
        api.close();
    }

    static final class ThrottlingListings extends ListingRepository {
        final Map<String, AtomicInteger> throttlesLeft = new ConcurrentHashMap<>();

        ThrottlingListings(ListingApi api) {
            super(api.dynamo(), api.listingsTable);
        }

        @Override
        public void create(Listing listing) {
            AtomicInteger left = throttlesLeft.get(listing.vin());
            if (left != null && left.getAndDecrement() > 0) {
                throw ProvisionedThroughputExceededException.builder().statusCode(400)
                        .message("throttled by test").build();
            }
            super.create(listing);
        }
    }

    @Test
    void throttledItemsAreRetriedThenReportedNeverDropped() {
        ThrottlingListings listings = new ThrottlingListings(api);
        InventoryService service = new InventoryService(listings, new VehicleValidator(Clock.systemUTC()),
                PageCursor.fromSecret("test"), Clock.systemUTC());
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 60; i++) {
            items.add(ListingApi.vehicle(ListingApi.newVin()));
        }
        String recovers = items.get(3).get("vin").asText();
        String staysThrottled = items.get(40).get("vin").asText();
        listings.throttlesLeft.put(recovers, new AtomicInteger(2));
        listings.throttlesLeft.put(staysThrottled, new AtomicInteger(1_000));
        ObjectNode body = JsonNodeFactory.instance.objectNode().set("items", items);

        List<InventoryService.ItemResult> results = service.batch(dealer, body).results();

        assertEquals(60, results.size());
        assertEquals("stored", results.get(3).status());
        assertNotNull(api.storedListing(recovers));
        assertEquals("rejected", results.get(40).status());
        assertEquals("unavailable", results.get(40).errors().get(0).code());
        assertNull(api.storedListing(staysThrottled));
        assertEquals(59, results.stream().filter(r -> r.status().equals("stored")).count());
    }
}
