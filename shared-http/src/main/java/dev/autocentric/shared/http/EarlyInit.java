package dev.autocentric.shared.http;

import dev.autocentric.shared.dynamo.DynamoClients;
import dev.autocentric.shared.json.Json;
import io.micronaut.core.async.publisher.Publishers;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cold-start overlap: the DynamoDB client (the SDK's class loading and set-up, about a second of a
 * cold start) and the shared JSON mapper are built on a second thread while Micronaut builds its
 * context on the first. {@link ApiFunction} starts it from its (superclass's) class initialiser; the function's
 * factory then {@linkplain #dynamo claims} the client instead of building one. The client is the
 * one {@link DynamoClients} builds from the environment (AWS_REGION, AWS_ENDPOINT_URL), and it is
 * only handed out when the function's own settings name exactly that; otherwise (tests with their
 * own endpoint and keys) a client is built as before. Once the client is handed over, the same
 * thread goes on with what the main thread would otherwise load later in init: Micronaut's
 * reactive-type support (the router's first use of it loads Reactor), the reading of an API
 * Gateway event and writing of its answer ({@link ApiEvents}), and each
 * {@link ColdStartWarmUp} the function declares (not when the environment sets
 * {@code COLD_START_WARM_UP=off}, which the cold-start bench uses to show what they are worth). Nothing random or secret is drawn here, so a
 * SnapStart snapshot taken after init holds nothing that restores must not share.
 */
public final class EarlyInit {

    private static final AtomicReference<CompletableFuture<DynamoDbClient>> DYNAMO = new AtomicReference<>();
    private static final CompletableFuture<Void> WARMED = new CompletableFuture<>();

    private EarlyInit() {
    }

    /** Starts building the client, then warming, on a daemon thread (once). */
    static void start() {
        CompletableFuture<DynamoDbClient> future = new CompletableFuture<>();
        if (!DYNAMO.compareAndSet(null, future)) {
            return;
        }
        Thread.ofPlatform().daemon().name("early-init").start(() -> {
            try {
                DynamoDbClient client = DynamoClients.create(DynamoClients.Settings.fromEnvironment());
                Json.tree(Json.write(Map.of("warm", 1)));
                future.complete(client);
                warm(client);
            } catch (Throwable t) {
                future.completeExceptionally(t);
            } finally {
                WARMED.complete(null);
            }
        });
    }

    private static void warm(DynamoDbClient client) {
        if ("off".equals(System.getenv("COLD_START_WARM_UP"))) {
            return;
        }
        try {
            Publishers.isConvertibleToPublisher(Object.class);
            ApiEvents.warm();
            for (ColdStartWarmUp warmUp : ServiceLoader.load(ColdStartWarmUp.class, EarlyInit.class.getClassLoader())) {
                warmUp.warm(client);
            }
        } catch (Throwable t) {
            // warming is an optimisation: whatever it did not load, the main thread loads when needed
        }
    }

    /**
     * Waits until the second thread has finished (client and warm-ups), for a SnapStart
     * {@code beforeCheckpoint}; returns at once when it was never started (tests).
     */
    public static void awaitWarmUp() {
        if (DYNAMO.get() != null) {
            WARMED.join(); // never completed exceptionally
        }
    }

    /**
     * The DynamoDB client for {@code settings}: the early one when it was started for exactly these
     * settings (handed out once), else a new one.
     */
    public static DynamoDbClient dynamo(DynamoClients.Settings settings) {
        CompletableFuture<DynamoDbClient> early = DYNAMO.get();
        if (early != null && same(settings, DynamoClients.Settings.fromEnvironment())
                && DYNAMO.compareAndSet(early, CompletableFuture.failedFuture(new IllegalStateException("claimed")))) {
            try {
                return early.join();
            } catch (RuntimeException failed) {
                // building it failed on the other thread: build it here, where the error surfaces normally
            }
        }
        return DynamoClients.create(settings);
    }

    static boolean same(DynamoClients.Settings a, DynamoClients.Settings b) {
        return Objects.equals(blank(a.region()), blank(b.region())) && Objects.equals(blank(a.endpoint()), blank(b.endpoint()))
                && Objects.equals(blank(a.accessKeyId()), blank(b.accessKeyId()))
                && Objects.equals(blank(a.secretAccessKey()), blank(b.secretAccessKey()));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
