package dev.autocentric.orders;

import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.problem.Problem;
import io.micronaut.context.annotation.Context;
import java.time.Instant;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming: before Lambda snapshots the initialised function, read keys that do not exist
 * from each table the request path touches and write JSON once, so the SDK's signer, HTTP client,
 * marshallers and Jackson are warm in the snapshot. Created eagerly, which also builds the one
 * DynamoDB client during init. The placement path's own work (parsing and validating an order
 * body, which loads the ZIP centroids, VIN rules and patterns) is warmed on a second thread from
 * init on, so a cold container's first order does not pay for it. Order ids are drawn from a
 * SecureRandom at request time, never during init, so restored snapshots do not share them.
 */
@Context
public class SnapStartPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);

    private final OrderStore store;
    private final ListingRepository listings;
    private final DealerRepository dealers;

    /** An order body of the shape buyers send, for warming the parser. */
    static final String SAMPLE_ORDER = """
            {"vin": "1G1ZD5ST1LF012345", "quoteId": "q1.priming.priming",
             "buyer": {"name": "Priming", "email": "priming@example.com", "phone": "+1 313 555 0100", "zip": "48226"}}
            """;

    private final Thread warming;

    public SnapStartPriming(OrderStore store, ListingRepository listings, DealerRepository dealers) {
        this.store = store;
        this.listings = listings;
        this.dealers = dealers;
        Core.getGlobalContext().register(this);
        warming = Thread.ofPlatform().daemon().name("order-path-warm-up").start(SnapStartPriming::warmPlacementPath);
    }

    static void warmPlacementPath() {
        try {
            PlaceOrderRequest.parse(Json.tree(SAMPLE_ORDER));
        } catch (Exception e) {
            // warming is an optimisation: the first order parses as usual
            LOG.debug("order path warm-up: {}", e.toString());
        }
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            warming.join();
            store.get("ordaaaaaaaaaaaaaaaaaaaaaaaaaa");
            store.idempotency("priming", Instant.now());
            listings.get("11111111111111111");
            dealers.get("priming");
            Json.write(Problem.notFound("priming"));
        } catch (RuntimeException e) {
            // priming is an optimisation: a snapshot without it is still correct
            LOG.warn("SnapStart priming failed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("SnapStart priming failed: {}", e.toString());
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: the SDK re-resolves credentials and connections on use
    }
}
