package dev.autocentric.local.lambda;

import dev.autocentric.local.lambda.InvocationResult.Outcome;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A function's execution environments, scaled as Lambda scales them: none until the first
 * event, one event per instance at a time, a new instance when all are busy, up to
 * {@code maxInstances}; further events wait for a free one.
 */
public final class FunctionPool implements Invoker, AutoCloseable {

    private final FunctionConfig function;
    private final LaunchSettings launch;
    private final int maxInstances;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    /** warm instances, most recently used first, as Lambda prefers a warm environment */
    private final Deque<FunctionInstance> idle = new ArrayDeque<>();
    private final List<FunctionInstance> all = new CopyOnWriteArrayList<>();
    private final List<ColdStart> coldStarts = new CopyOnWriteArrayList<>();
    private int live;
    private int started;
    private boolean closed;

    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong successes = new AtomicLong();
    private final AtomicLong functionErrors = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong crashes = new AtomicLong();
    private final AtomicLong throttles = new AtomicLong();

    public FunctionPool(FunctionConfig function, LaunchSettings launch, int maxInstances) {
        if (maxInstances < 1) {
            throw new IllegalArgumentException("concurrency limit must be at least 1");
        }
        this.function = function;
        this.launch = launch;
        this.maxInstances = maxInstances;
    }

    public FunctionConfig function() {
        return function;
    }

    public String arn() {
        return launch.functionArn(function.name());
    }

    /** Invokes, waiting as long as it takes for a free instance (event source mappings do). */
    @Override
    public InvocationResult invoke(byte[] event) {
        return invoke(event, null);
    }

    /** Invokes, or answers THROTTLED when no instance is free within {@code maxWait} (null = forever). */
    @Override
    public InvocationResult invoke(byte[] event, Duration maxWait) {
        invocations.incrementAndGet();
        FunctionInstance instance;
        try {
            instance = acquire(maxWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            instance = null;
        } catch (RuntimeException cannotStart) {
            crashes.incrementAndGet();
            return InvocationResult.failure(Outcome.INIT_ERROR, "", "Runtime.StartError",
                    "cannot start " + function.name() + ": " + cannotStart.getMessage(), Duration.ZERO);
        }
        if (instance == null) {
            throttles.incrementAndGet();
            return InvocationResult.failure(Outcome.THROTTLED, "", "TooManyRequestsException",
                    "Rate Exceeded.", Duration.ZERO);
        }
        InvocationResult result;
        try {
            result = instance.invoke(event);
        } finally {
            release(instance);
        }
        instance.coldStart().filter(c -> coldStarts.stream().noneMatch(known -> known.instance() == c.instance()))
                .ifPresent(coldStarts::add);
        switch (result.outcome()) {
            case SUCCESS -> successes.incrementAndGet();
            case FUNCTION_ERROR -> functionErrors.incrementAndGet();
            case TIMEOUT -> timeouts.incrementAndGet();
            case INIT_ERROR, CRASHED -> crashes.incrementAndGet();
            case THROTTLED -> throttles.incrementAndGet();
        }
        return result;
    }

    private FunctionInstance acquire(Duration maxWait) throws InterruptedException {
        long deadline = maxWait == null ? Long.MAX_VALUE : System.nanoTime() + maxWait.toNanos();
        int number;
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    return null;
                }
                while (!idle.isEmpty()) {
                    FunctionInstance warm = idle.pop();
                    if (warm.healthy()) {
                        return warm;
                    }
                    discard(warm);
                }
                if (live < maxInstances) {
                    live++;
                    number = ++started;
                    break;
                }
                if (maxWait == null) {
                    freed.await();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    freed.awaitNanos(left);
                }
            }
        } finally {
            lock.unlock();
        }
        // a cold start, outside the lock so that other events can use warm instances meanwhile
        var instance = new FunctionInstance(function, launch, number);
        try {
            instance.start();
        } catch (RuntimeException e) {
            lock.lock();
            try {
                live--;
                freed.signal();
            } finally {
                lock.unlock();
            }
            throw e;
        }
        all.add(instance);
        return instance;
    }

    private void release(FunctionInstance instance) {
        lock.lock();
        try {
            if (instance.healthy() && !closed) {
                idle.push(instance);
            } else {
                discard(instance);
            }
            freed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** caller holds the lock */
    private void discard(FunctionInstance instance) {
        live--;
        all.remove(instance);
        Thread.ofVirtual().start(instance::close);
    }

    public FunctionStats stats() {
        lock.lock();
        try {
            return new FunctionStats(function.name(), invocations.get(), successes.get(), functionErrors.get(),
                    timeouts.get(), crashes.get(), throttles.get(), started, live, idle.size(), List.copyOf(coldStarts));
        } finally {
            lock.unlock();
        }
    }

    /** PIDs of the function's running JVMs. */
    public List<Long> pids() {
        var pids = new ArrayList<Long>();
        all.forEach(i -> pids.add(i.pid()));
        return pids;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            idle.clear();
            freed.signalAll();
        } finally {
            lock.unlock();
        }
        all.parallelStream().forEach(FunctionInstance::close);
        all.clear();
    }

}
