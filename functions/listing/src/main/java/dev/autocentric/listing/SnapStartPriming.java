package dev.autocentric.listing;

import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.http.EarlyInit;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.problem.Problem;
import io.micronaut.context.annotation.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming: before Lambda snapshots the initialised function, read from both tables
 * (keys that do not exist) and write JSON once, so the SDK's signer, HTTP client, marshallers
 * and Jackson are loaded and warm in the snapshot. Created eagerly at start-up, which also
 * builds the one DynamoDB client during init rather than on the first request.
 */
@Context
public class SnapStartPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);

    private final ListingRepository listings;
    private final DealerRepository dealers;

    public SnapStartPriming(ListingRepository listings, DealerRepository dealers) {
        this.listings = listings;
        this.dealers = dealers;
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            EarlyInit.awaitWarmUp();
            listings.get("11111111111111111");
            dealers.get("priming");
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
