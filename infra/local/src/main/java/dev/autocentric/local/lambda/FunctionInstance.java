package dev.autocentric.local.lambda;

import dev.autocentric.local.lambda.InvocationResult.Outcome;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One execution environment: a child JVM running the official runtime interface client against
 * its own runtime API server. It handles one event at a time; a timeout or a crash retires it.
 */
final class FunctionInstance implements AutoCloseable {

    static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private final FunctionConfig function;
    private final LaunchSettings launch;
    private final int number;
    private final RuntimeApiServer api;
    private Path taskRoot;
    private Process process;
    private long startNanos;
    private volatile long firstResponseNanos;
    private volatile boolean retired;

    FunctionInstance(FunctionConfig function, LaunchSettings launch, int number) {
        this.function = function;
        this.launch = launch;
        this.number = number;
        this.api = new RuntimeApiServer(launch.functionArn(function.name()), function.timeout());
    }

    /** Starts the JVM; the cold start runs on while the first event waits in the runtime API queue. */
    void start() {
        Path root = taskRoot();
        var builder = new ProcessBuilder(command());
        builder.environment().clear();
        builder.environment().putAll(environment());
        builder.directory(root.toFile()); // the runtime loads the function from its working directory
        builder.redirectErrorStream(true);
        if (launch.logDirectory() != null) {
            try {
                Files.createDirectories(launch.logDirectory());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(
                    launch.logDirectory().resolve(function.name() + ".log").toFile()));
        }
        startNanos = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            api.close();
            throw new UncheckedIOException("cannot start a JVM for " + function.name(), e);
        }
        launch.processes().register(process.toHandle());
        if (launch.logDirectory() == null) {
            Thread.ofVirtual().name(label() + "-log").start(this::copyOutput);
        }
        process.onExit().thenRun(() -> {
            retired = true;
            api.failAll(Outcome.CRASHED, "Runtime.ExitError",
                    label() + " exited with status " + process.exitValue());
        });
    }

    List<String> command() {
        Path java = launch.javaHome().resolve("bin").resolve("java");
        // Lambda's java21 runtime gives the heap most of the memory setting and uses the serial GC
        long heapMb = Math.max(64, function.memoryMb() * 85L / 100);
        var command = new ArrayList<>(List.of(java.toString(),
                "-XX:MaxHeapSize=" + heapMb + "m",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-Djava.net.preferIPv4Stack=true",
                "--enable-native-access=ALL-UNNAMED",
                "-D" + NativeClientLibrary.PROPERTY + "=" + NativeClientLibrary.in(launch.ricDirectory()),
                // as on Lambda, the class path is the runtime's alone: the RIC loads the function from
                // the unpacked package in the working directory (the task root) with its own loader
                "-cp", launch.ricDirectory().toAbsolutePath() + "/*",
                RIC_MAIN,
                function.handler()));
        return command;
    }

    Map<String, String> environment() {
        var env = new LinkedHashMap<String, String>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.putAll(function.environment());
        env.putAll(launch.awsEnvironment());
        // the reserved variables Lambda sets win over the template, as on Lambda
        env.put("AWS_REGION", launch.region());
        env.put("AWS_DEFAULT_REGION", launch.region());
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now() + "/[$LATEST]" + randomHex(16));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("_HANDLER", function.handler());
        env.put("LAMBDA_TASK_ROOT", taskRoot().toString());
        env.put("LAMBDA_RUNTIME_DIR", launch.ricDirectory().toAbsolutePath().toString());
        return env;
    }

    private Path taskRoot() {
        if (taskRoot == null) {
            taskRoot = TaskRoot.of(function.jar());
        }
        return taskRoot;
    }

    /**
     * Runs one event to completion. The deadline starts when the function takes the event; before
     * that a new instance has {@link LaunchSettings#initTimeout()} to initialise.
     */
    InvocationResult invoke(byte[] event) {
        var invocation = new PendingInvocation(UUID.randomUUID().toString(), event);
        api.enqueue(invocation);
        long deadlineMs;
        try {
            deadlineMs = invocation.handedOut().get(launch.initTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            invocation.fail(Outcome.INIT_ERROR, "Runtime.InitTimeout",
                    label() + " did not initialise within " + launch.initTimeout().toSeconds() + " s");
            retire();
            return invocation.result().join();
        } catch (InterruptedException | ExecutionException e) {
            Thread.currentThread().interrupt();
            invocation.fail(Outcome.CRASHED, "Runtime.Interrupted", "invocation interrupted");
            retire();
            return invocation.result().join();
        }
        InvocationResult result;
        try {
            long remaining = Math.max(0, deadlineMs - System.currentTimeMillis());
            // deadlineMs is 0 when the invocation failed before it was handed out
            result = deadlineMs == 0 ? invocation.result().join()
                    : invocation.result().get(remaining + 100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // as on Lambda: the environment that ran past its timeout is not reused
            invocation.fail(Outcome.TIMEOUT, "Sandbox.Timedout",
                    "Task timed out after " + function.timeout().toMillis() / 1000.0 + " seconds");
            retire();
            return invocation.result().join();
        } catch (InterruptedException | ExecutionException e) {
            Thread.currentThread().interrupt();
            invocation.fail(Outcome.CRASHED, "Runtime.Interrupted", "invocation interrupted");
            retire();
            return invocation.result().join();
        }
        if (firstResponseNanos == 0 && (result.outcome() == Outcome.SUCCESS || result.outcome() == Outcome.FUNCTION_ERROR)) {
            firstResponseNanos = System.nanoTime();
        }
        if (result.outcome() != Outcome.SUCCESS && result.outcome() != Outcome.FUNCTION_ERROR) {
            retire();
        }
        return result;
    }

    boolean healthy() {
        return !retired && process != null && process.isAlive();
    }

    /** Process start to first answer through the runtime API; empty until it answered once. */
    Optional<ColdStart> coldStart() {
        long firstPoll = api.firstPollNanos();
        long firstResponse = firstResponseNanos;
        if (firstPoll == 0 || firstResponse == 0) {
            return Optional.empty();
        }
        return Optional.of(new ColdStart(function.name(), number,
                Duration.ofNanos(firstPoll - startNanos), Duration.ofNanos(firstResponse - startNanos)));
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    String label() {
        return function.name() + "#" + number;
    }

    private void retire() {
        retired = true;
        close();
    }

    private void copyOutput() {
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println("[" + label() + "] " + line);
            }
        } catch (IOException closed) {
            // the process went away; nothing more to copy
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Override
    public void close() {
        retired = true;
        if (process != null && process.isAlive()) {
            // stopped before its runtime API closes, so the client does not log a failed /next
            ChildProcesses.stop(process.toHandle(), Duration.ofMillis(500));
        }
        api.close();
    }
}
