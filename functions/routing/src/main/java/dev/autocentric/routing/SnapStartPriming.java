package dev.autocentric.routing;

import dev.autocentric.shared.dynamo.DealerRepository;
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
 * The delivery-point index is not loaded during init (it competed with Micronaut's start for the
 * CPU): the checkpoint loads it, and without a snapshot the first request that needs it does.
 *
 * <p>SnapStart priming: before Lambda snapshots the initialised function, load the delivery-point
 * index (one Query on the sparse index), read a dealer that does not exist and write JSON once,
 * so the SDK, the index and Jackson are warm in the snapshot; the refresh bound then reloads the
 * index on the first request after it is 5 minutes old. Created eagerly at start-up, which also
 * builds the one DynamoDB client during init rather than on the first request.
 */
@Context
public class SnapStartPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);

    private final DynamoDeliveryNetwork network;
    private final DealerRepository dealers;

    public SnapStartPriming(DynamoDeliveryNetwork network, DealerRepository dealers) {
        this.network = network;
        this.dealers = dealers;
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            EarlyInit.awaitWarmUp();
            network.points();
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
