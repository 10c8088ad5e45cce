package dev.autocentric.pricing;

import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.dynamo.MarketStatsRepository;
import dev.autocentric.shared.http.EarlyInit;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.problem.Problem;
import dev.autocentric.shared.routing.DynamoDeliveryNetwork;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.micronaut.context.annotation.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming: before Lambda snapshots the initialised function, read keys that do not
 * exist from the tables and write JSON once, so the SDK's signer, HTTP client, marshallers and
 * Jackson are warm in the snapshot. Created eagerly, which also builds the one DynamoDB client
 * during init and starts loading the delivery points there (as the routing function does): init
 * waits for it at most {@value #INIT_WAIT_SECONDS} s, and the first quote joins what is left.
 */
@Context
public class SnapStartPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
    static final long INIT_WAIT_SECONDS = 8;

    private final ListingRepository listings;
    private final DealerRepository dealers;
    private final MarketStatsRepository stats;
    private final DynamoDeliveryNetwork network;

    public SnapStartPriming(ListingRepository listings, DealerRepository dealers, MarketStatsRepository stats,
                            DynamoDeliveryNetwork network) {
        this.listings = listings;
        this.dealers = dealers;
        this.stats = stats;
        this.network = network;
        Core.getGlobalContext().register(this);
        try {
            network.startLoading().get(INIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException stillLoading) {
            LOG.info("delivery points still loading after {} s of init", INIT_WAIT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("delivery points could not be loaded during init: {}", e.getCause().toString());
        }
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            EarlyInit.awaitWarmUp();
            listings.get("11111111111111111");
            dealers.get("priming");
            stats.get("priming");
            network.points();
            Json.write(Problem.notFound("priming"));
        } catch (RuntimeException e) {
            // priming is an optimisation: a snapshot without it is still correct
            LOG.warn("SnapStart priming failed: {}", e.toString());
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: the SDK re-resolves credentials and connections on use
    }
}
