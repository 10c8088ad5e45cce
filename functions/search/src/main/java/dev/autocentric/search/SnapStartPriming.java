package dev.autocentric.search;

import dev.autocentric.shared.http.EarlyInit;
import io.micronaut.context.annotation.Context;
import java.util.List;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming: before Lambda snapshots the initialised function, run one small search (a
 * nearest-first page around a ZIP, which loads the ZIP table, the geohash code, the SDK's Query
 * path and Jackson), so a restored container answers its first request warm. Created eagerly at
 * start-up, which also builds the one DynamoDB client during init.
 */
@Context
public class SnapStartPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);

    private final SearchService search;

    public SnapStartPriming(SearchService search) {
        this.search = search;
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        try {
            EarlyInit.awaitWarmUp();
            search.search(Map.of("zip", List.of("48226"), "radiusMiles", List.of("10"), "limit", List.of("1")));
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
