package dev.autocentric.local.events;

import java.time.Duration;

/** A poller's thread: polls until closed, pausing when there was nothing to do or the emulator failed. */
abstract class PollingLoop implements AutoCloseable {

    private final String name;
    private final Duration idlePause;
    private volatile boolean running = true;
    private Thread thread;

    PollingLoop(String name, Duration idlePause) {
        this.name = name;
        this.idlePause = idlePause;
    }

    /** Polls once; true when it found work, so that the next poll follows at once. */
    protected abstract boolean pollOnce() throws Exception;

    public final synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name(name).start(this::run);
        }
    }

    public final String name() {
        return name;
    }

    protected final boolean running() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                if (!pollOnce()) {
                    pause(idlePause);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (running) {
                    System.err.println("[" + name + "] " + e);
                    pause(Duration.ofSeconds(1));
                }
            }
        }
    }

    protected final void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
