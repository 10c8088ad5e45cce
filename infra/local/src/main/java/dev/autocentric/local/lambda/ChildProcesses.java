package dev.autocentric.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every process the runtime starts, listed in a PID file so that a run killed with SIGKILL
 * (no shutdown hook) has its leftovers stopped by the next run.
 */
public final class ChildProcesses implements AutoCloseable {

    /**
     * Only processes whose command line shows they are ours are ever killed from the PID file: a
     * function JVM (the runtime client's main class) or the emulator (our moto launcher script).
     */
    private static final List<String> OUR_COMMANDS = List.of("AWSLambda", "moto_launcher.py", "moto_server",
            "moto.server");

    private final Path pidFile;
    private final Set<ProcessHandle> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @param pidFile where to list live children; null to keep no file */
    public ChildProcesses(Path pidFile) {
        this.pidFile = pidFile;
    }

    /** Stops the processes a previous run listed in {@code pidFile} that still run one of our commands. */
    public static List<Long> killLeftovers(Path pidFile) {
        var killed = new ArrayList<Long>();
        if (pidFile == null || !Files.isRegularFile(pidFile)) {
            return killed;
        }
        try {
            for (String line : Files.readAllLines(pidFile)) {
                if (line.isBlank()) {
                    continue;
                }
                Optional<ProcessHandle> handle = ProcessHandle.of(Long.parseLong(line.trim()));
                if (handle.isPresent() && handle.get().isAlive() && isOurs(handle.get())) {
                    stop(handle.get(), Duration.ofSeconds(2));
                    killed.add(handle.get().pid());
                }
            }
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException corrupt) {
            // a half-written file from a crash: nothing safe to act on
        }
        return killed;
    }

    private static boolean isOurs(ProcessHandle handle) {
        String commandLine = handle.info().commandLine().orElse("");
        return OUR_COMMANDS.stream().anyMatch(commandLine::contains);
    }

    public void register(ProcessHandle process) {
        live.add(process);
        process.onExit().thenRun(() -> {
            live.remove(process);
            writePidFile();
        });
        writePidFile();
    }

    public Set<ProcessHandle> live() {
        return Set.copyOf(live);
    }

    private synchronized void writePidFile() {
        if (pidFile == null || closed) {
            return;
        }
        try {
            Files.createDirectories(pidFile.toAbsolutePath().getParent());
            var lines = live.stream().filter(ProcessHandle::isAlive).map(p -> Long.toString(p.pid())).toList();
            Files.write(pidFile, lines);
        } catch (IOException e) {
            System.err.println("local runtime: cannot write " + pidFile + ": " + e.getMessage());
        }
    }

    /** Stops one process and its descendants: TERM first, KILL after {@code grace}. */
    public static void stop(ProcessHandle process, Duration grace) {
        var family = new ArrayList<ProcessHandle>();
        process.descendants().forEach(family::add);
        family.add(process);
        family.forEach(ProcessHandle::destroy);
        for (ProcessHandle member : family) {
            try {
                member.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception stillRunning) {
                member.destroyForcibly();
                try {
                    member.onExit().get(2, TimeUnit.SECONDS);
                } catch (Exception unkillable) {
                    // SIGKILL was sent; nothing more this process can do
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        live().parallelStream().forEach(p -> stop(p, Duration.ofSeconds(2)));
        live.clear();
        if (pidFile != null) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // the next run re-checks every PID listed before it acts
            }
        }
    }
}
