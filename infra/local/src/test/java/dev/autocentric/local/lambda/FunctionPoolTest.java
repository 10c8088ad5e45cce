package dev.autocentric.local.lambda;

import dev.autocentric.local.lambda.InvocationResult.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real function JVMs with the official RIC: Lambda's scaling, reuse and timeout rules. */
class FunctionPoolTest {

    private static final String HANDLER = """
            import java.util.Map;
            public class Sleeper {
                public Map<String, Object> handleRequest(Map<String, Object> event) throws Exception {
                    if (event.containsKey("fail")) throw new IllegalStateException("asked to fail");
                    Thread.sleep(((Number) event.getOrDefault("sleepMs", 0)).longValue());
                    return Map.of("pid", ProcessHandle.current().pid(), "table", System.getenv("TABLE"));
                }
            }
            """;

    @TempDir
    static Path dir;
    private static Path jar;

    private final ChildProcesses children = new ChildProcesses(null);
    private FunctionPool pool;

    @BeforeAll
    static void buildFunctionJar() throws IOException {
        Path source = dir.resolve("Sleeper.java");
        Files.writeString(source, HANDLER);
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), source.toString());
        assertEquals(0, status);
        jar = dir.resolve("sleeper.jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("Sleeper.class"));
            out.write(Files.readAllBytes(dir.resolve("Sleeper.class")));
            out.closeEntry();
        }
    }

    private FunctionPool pool(int maxInstances, Duration timeout) {
        var launch = new LaunchSettings(Path.of(System.getProperty("java.home")), Path.of("target/lambda-ric"),
                "us-east-1", "123456789012", Map.of(), Duration.ofSeconds(60), null, children);
        pool = new FunctionPool(new FunctionConfig("Sleeper", jar, "Sleeper::handleRequest", 128, timeout,
                Map.of("TABLE", "Listings")), launch, maxInstances);
        return pool;
    }

    @AfterEach
    void stop() {
        if (pool != null) {
            pool.close();
        }
        children.close();
    }

    private static byte[] event(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void startsOnTheFirstEventAndReusesTheWarmInstance() {
        var pool = pool(4, Duration.ofSeconds(10));
        assertEquals(0, pool.stats().instancesStarted(), "no instance before the first event");

        var first = pool.invoke(event("{}"));
        var second = pool.invoke(event("{}"));

        assertEquals(Outcome.SUCCESS, first.outcome());
        assertEquals("Listings", first.payloadJson().get("table").asText());
        assertEquals(first.payloadJson().get("pid"), second.payloadJson().get("pid"));
        var stats = pool.stats();
        assertEquals(1, stats.instancesStarted());
        assertEquals(1, stats.coldStarts().size());
        assertTrue(stats.coldStarts().getFirst().firstResponse().compareTo(stats.coldStarts().getFirst().init()) >= 0);
    }

    @Test
    void concurrentEventsScaleOutUpToTheLimitAndTheRestWait() throws Exception {
        var pool = pool(2, Duration.ofSeconds(20));
        var calls = new ArrayList<Callable<InvocationResult>>();
        for (int i = 0; i < 4; i++) {
            calls.add(() -> pool.invoke(event("{\"sleepMs\":1500}")));
        }
        List<Future<InvocationResult>> results;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            results = threads.invokeAll(calls);
        }
        var pids = new java.util.HashSet<String>();
        for (var result : results) {
            assertEquals(Outcome.SUCCESS, result.get().outcome());
            pids.add(result.get().payloadJson().get("pid").asText());
        }
        assertEquals(2, pids.size(), "four events, two instances at most");
        assertEquals(2, pool.stats().instancesStarted());
    }

    @Test
    void aFunctionErrorKeepsTheInstanceATimeoutReplacesIt() {
        var pool = pool(1, Duration.ofSeconds(2));
        var warm = pool.invoke(event("{}"));
        var failed = pool.invoke(event("{\"fail\":true}"));
        var afterError = pool.invoke(event("{}"));
        assertEquals(Outcome.FUNCTION_ERROR, failed.outcome());
        assertEquals("java.lang.IllegalStateException", failed.payloadJson().get("errorType").asText());
        assertEquals(warm.payloadJson().get("pid"), afterError.payloadJson().get("pid"));

        var timedOut = pool.invoke(event("{\"sleepMs\":5000}"));
        assertEquals(Outcome.TIMEOUT, timedOut.outcome());
        assertTrue(timedOut.duration().toMillis() < 4000);
        long oldPid = warm.payloadJson().get("pid").asLong();
        assertTrue(ProcessHandle.of(oldPid).map(p -> !p.isAlive()).orElse(true), "the timed-out JVM is gone");

        var replaced = pool.invoke(event("{}"));
        assertEquals(Outcome.SUCCESS, replaced.outcome());
        assertTrue(replaced.payloadJson().get("pid").asLong() != oldPid);
        assertEquals(2, pool.stats().instancesStarted());
        assertEquals(1, pool.stats().timeouts());
    }
}
