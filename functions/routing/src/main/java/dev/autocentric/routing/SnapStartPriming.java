package dev.autocentric.routing;

import dev.autocentric.shared.dynamo.DealerRepository;
import dev.autocentric.shared.http.EarlyInit;
import dev.autocentric.shared.json.Json;
import dev.autocentric.shared.problem.Problem;
import dev.autocentric.shared.routing.DynamoDeliveryNetwork;
import io.micronaut.context.annotation.Context;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts loading the delivery-point index during init (waiting for it at most
 * {@code delivery.points.init.wait.seconds}, default 8, so init stays within Lambda's 10 s).
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

    public SnapStartPriming(DynamoDeliveryNetwork network, DealerRepository dealers, RoutingSettings settings) {
        this.network = network;
        this.dealers = dealers;
        Core.getGlobalContext().register(this);
        // begin loading the delivery points during init and give it a bounded part of init (Lambda
        // allows 10 s); the first request joins what is left instead of loading again
        try {
            network.startLoading().get(settings.deliveryPointsInitWaitSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException stillLoading) {
            LOG.info("delivery points still loading after {} s of init", settings.deliveryPointsInitWaitSeconds());
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
