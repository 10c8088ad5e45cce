package dev.autocentric.pricing;

import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.dynamo.MarketStatsRepository;
import dev.autocentric.shared.http.EarlyInit;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.problem.Problem;
import dev.autocentric.shared.routing.DynamoDeliveryNetwork;
import io.micronaut.context.annotation.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming: before Lambda snapshots the initialised function, read keys that do not
 * exist from the tables and write JSON once, so the SDK's signer, HTTP client, marshallers and
 * Jackson are warm in the snapshot, and load the delivery points. Without a snapshot the first
 * quote loads them: loading them during init competed with Micronaut's start for the CPU (and
 * most cold starts here, price history or market statistics, never need them). Created eagerly,
 * which also builds the one DynamoDB client during init.
 */
@Context
public class SnapStartPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);

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
