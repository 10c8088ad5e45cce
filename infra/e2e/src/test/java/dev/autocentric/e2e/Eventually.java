package dev.autocentric.e2e;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits, by polling, for something asynchronous to become true. */
final class Eventually {
    private Eventually() {
    }

    static <T> T await(String what, Duration limit, Supplier<T> probe) {
        long deadline = System.nanoTime() + limit.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (last != null && !(last instanceof Boolean b && !b)) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        throw new AssertionError("timed out after " + limit + " waiting for " + what + " (last: " + last + ")");
    }
}
