package dev.autocentric.publisher;

import dev.autocentric.shared.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Puts events on the bus in batches of at most {@value #BATCH} (PutEvents' limit), retrying only
 * the entries that failed, with exponential back-off. An entry still failing after
 * {@code attempts} tries throws {@link PublishFailedException}, which fails the stream batch so
 * Lambda retries, bisects and finally sends it to the on-failure queue. Entries that did go out
 * before the failure go out again on the retry with the same eventId (consumers drop duplicates).
 */
public final class EventPublisher {
    static final int BATCH = 10;
    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

    /** The PutEvents call (the EventBridge client's, or a test's stand-in around it). */
    @FunctionalInterface
    public interface PutEvents {
        PutEventsResponse put(PutEventsRequest request);
    }

    /** How long to wait between tries (a test passes a no-wait one). */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration d) throws InterruptedException;
    }

    private final PutEvents putEvents;
    private final String busName;
    private final int attempts;
    private final Duration firstBackOff;
    private final Pause pause;

    public EventPublisher(PutEvents putEvents, String busName, int attempts, Duration firstBackOff, Pause pause) {
        this.putEvents = putEvents;
        this.busName = busName;
        this.attempts = attempts;
        this.firstBackOff = firstBackOff;
        this.pause = pause;
    }

    public void publish(List<DomainEvent> events) {
        for (int from = 0; from < events.size(); from += BATCH) {
            publishBatch(events.subList(from, Math.min(events.size(), from + BATCH)));
        }
    }

    private void publishBatch(List<DomainEvent> batch) {
        List<PutEventsRequestEntry> pending = new ArrayList<>();
        for (DomainEvent e : batch) {
            pending.add(PutEventsRequestEntry.builder().eventBusName(busName).source(e.source())
                    .detailType(e.detailType()).detail(Json.write(e.detail())).build());
        }
        Duration backOff = firstBackOff;
        String lastError = "";
        for (int attempt = 1; attempt <= attempts && !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                try {
                    pause.sleep(backOff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new PublishFailedException("interrupted while backing off", ie);
                }
                backOff = backOff.multipliedBy(2);
            }
            PutEventsResponse response = putEvents.put(PutEventsRequest.builder().entries(pending).build());
            if (response.failedEntryCount() == null || response.failedEntryCount() == 0) {
                return;
            }
            // results are in request order; keep only the entries that failed
            List<PutEventsRequestEntry> failed = new ArrayList<>();
            List<PutEventsResultEntry> results = response.entries();
            for (int i = 0; i < pending.size(); i++) {
                PutEventsResultEntry r = i < results.size() ? results.get(i) : null;
                if (r == null || r.errorCode() != null) {
                    failed.add(pending.get(i));
                    lastError = r == null ? "no result" : r.errorCode() + ": " + r.errorMessage();
                }
            }
            LOG.warn("PutEvents: {} of {} entries failed (attempt {}), last: {}", failed.size(), pending.size(),
                    attempt, lastError);
            pending = failed;
        }
        if (!pending.isEmpty()) {
            throw new PublishFailedException(pending.size() + " events not accepted after " + attempts
                    + " attempts, last: " + lastError, null);
        }
    }

    /** Events the bus would not take: fails the stream batch. */
    public static final class PublishFailedException extends RuntimeException {
        PublishFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
