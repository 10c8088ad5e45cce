package dev.autocentric.local.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The AWS emulator: {@code moto} in server mode (moto[server]==5.2.1) on a loopback port the OS
 * picks. The child process stops when this object is closed or when this JVM dies (it watches
 * its standard input, which this JVM holds open).
 */
public final class Moto implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** The Python files the emulator runs, copied from the classpath next to each other. */
    private static final List<String> SCRIPTS = List.of("moto_launcher.py", "moto_speedups.py", "moto_fidelity.py");

    private final Process process;
    private final OutputStream keepAlive;
    private final URI endpoint;

    private Moto(Process process, URI endpoint) {
        this.process = process;
        this.keepAlive = process.getOutputStream();
        this.endpoint = endpoint;
    }

    /** Starts moto and waits until it answers. */
    public static Moto start() {
        Path script = extractLauncher();
        List<String> command = new ArrayList<>(List.of(python(), script.toString(), "0"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        pb.environment().put("PYTHONUNBUFFERED", "1");
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1"); // no __pycache__ left in the temporary folder
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto with '" + command.get(0)
                    + "': install it with `make setup` (moto[server]==5.2.1)", e);
        }
        drain(process.getErrorStream(), "moto");
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("READY ")) {
                        return Integer.parseInt(line.substring(6).trim());
                    }
                }
                return -1;
            } catch (IOException e) {
                return -1;
            }
        });
        int bound;
        try {
            bound = port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            bound = -1;
        }
        if (bound <= 0) {
            process.destroyForcibly();
            throw new IllegalStateException("moto did not start within " + START_TIMEOUT
                    + " (is moto[server]==5.2.1 installed for " + command.get(0) + "?)");
        }
        drain(process.getInputStream(), "moto");
        return new Moto(process, URI.create("http://127.0.0.1:" + bound));
    }

    public URI endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        try {
            keepAlive.close();
        } catch (IOException ignored) {
            // the pipe is already gone: the child is exiting anyway
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The interpreter: MOTO_PYTHON, else the project's .venv, else python3 on the PATH. */
    static String python() {
        String configured = System.getenv("MOTO_PYTHON");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        try {
            Path venv = ProjectRoot.find().resolve(".venv/bin/python");
            if (Files.isExecutable(venv)) {
                return venv.toString();
            }
        } catch (IllegalStateException notInRepo) {
            // running outside the repository: fall back to the PATH
        }
        return "python3";
    }

    /** Copies the launcher and the module it imports into a new temporary folder; returns the launcher. */
    private static Path extractLauncher() {
        try {
            Path dir = Files.createTempDirectory("autocentric-moto-");
            dir.toFile().deleteOnExit(); // registered first, so deleted after the files in it
            for (String name : SCRIPTS) {
                try (InputStream in = Moto.class.getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IllegalStateException(name + " missing from the classpath");
                    }
                    Path file = dir.resolve(name);
                    Files.write(file, in.readAllBytes());
                    file.toFile().deleteOnExit();
                }
            }
            return dir.resolve(SCRIPTS.get(0));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the moto launcher", e);
        }
    }

    private static void drain(InputStream stream, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (Boolean.getBoolean("autocentric.moto.verbose")) {
                        System.err.println("[" + name + "] " + line);
                    }
                }
            } catch (IOException ignored) {
                // stream closed with the process
            }
        }, name + "-output");
        t.setDaemon(true);
        t.start();
    }
}
