package dev.autocentric.local.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.local.Json;
import dev.autocentric.local.lambda.Invoker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Schedule events on a timer. Time can run faster for tests: with speed-up {@code s} the schedule
 * follows a clock that runs {@code s} times faster than the wall clock from the moment the
 * scheduler starts, so {@code rate(1 minute)} at speed-up 60 fires every second.
 */
public final class Scheduler implements AutoCloseable {

    private record Job(String ruleName, ScheduleExpression expression, String inputJson, Invoker function) {
    }

    private final double speedup;
    private final String region;
    private final String accountId;
    private final AsyncInvocations async;
    private final List<Job> jobs = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentHashMap<String, AtomicLong> fired = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private Instant origin;
    private long originNanos;

    public Scheduler(double speedup, String region, String accountId, AsyncInvocations async) {
        if (!(speedup > 0)) {
            throw new IllegalArgumentException("schedule speed-up must be positive");
        }
        this.speedup = speedup;
        this.region = region;
        this.accountId = accountId;
        this.async = async;
    }

    /** @param inputJson the rule's constant Input sent instead of the scheduled event, or null */
    public Scheduler add(String ruleName, String expression, String inputJson, Invoker function) {
        jobs.add(new Job(ruleName, ScheduleExpression.parse(expression), inputJson, function));
        return this;
    }

    public void start() {
        origin = Instant.now();
        originNanos = System.nanoTime();
        for (Job job : jobs) {
            threads.add(Thread.ofVirtual().name("schedule:" + job.ruleName()).start(() -> run(job)));
        }
    }

    /** The schedule clock: wall time at start plus elapsed time times the speed-up. */
    Instant now() {
        long scaled = (long) ((System.nanoTime() - originNanos) * speedup);
        return origin.plusNanos(scaled);
    }

    private void run(Job job) {
        Instant last = now();
        while (running) {
            Instant next = job.expression().next(last);
            long waitNanos = (long) (Duration.between(now(), next).toNanos() / speedup);
            try {
                if (waitNanos > 0) {
                    Thread.sleep(Duration.ofNanos(waitNanos));
                }
            } catch (InterruptedException e) {
                return;
            }
            if (!running) {
                return;
            }
            last = next;
            fired.computeIfAbsent(job.ruleName(), r -> new AtomicLong()).incrementAndGet();
            String payload = job.inputJson() != null ? job.inputJson() : Json.write(event(job.ruleName(), next));
            async.submit(job.ruleName(), job.function(), payload.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The event EventBridge sends for a scheduled rule; {@code time} is the scheduled time on the schedule clock. */
    ObjectNode event(String ruleName, Instant time) {
        var event = Json.object();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", accountId);
        event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", region);
        event.putArray("resources").add("arn:aws:events:" + region + ":" + accountId + ":rule/" + ruleName);
        event.putObject("detail");
        return event;
    }

    /** How often each rule fired. */
    public long fired(String ruleName) {
        var count = fired.get(ruleName);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
    }
}
