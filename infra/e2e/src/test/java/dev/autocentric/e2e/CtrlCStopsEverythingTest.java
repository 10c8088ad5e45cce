package dev.autocentric.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autocentric.local.emulator.ProjectRoot;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable local runtime, started as `make run` starts it, leaves nothing behind on Ctrl-C:
 * the emulator and every function JVM it started are gone when it exits.
 */
class CtrlCStopsEverythingTest {
    private static final Pattern READY = Pattern.compile("ready: (http://\\S+)");

    @TempDir
    Path work;

    static boolean sigintIgnored(long pid) throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0x2L) != 0; // bit 1 is signal 2
            }
        }
        return false;
    }

    @Test
    void sigintStopsTheEmulatorAndEveryFunctionJvm() throws Exception {
        Path root = ProjectRoot.find();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process runtime = new ProcessBuilder(java.toString(), "-jar", root.resolve("infra/local/target/local-runtime.jar").toString(),
                "--template", root.resolve("template.yaml").toString(), "--port", "0", "--seed", "none",
                "--state", work.resolve("state").toString(), "--logs", work.resolve("logs").toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(runtime.getInputStream(), StandardCharsets.UTF_8));
            URI url = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = out.readLine()) != null; ) {
                        Matcher m = READY.matcher(line);
                        if (m.find()) {
                            return URI.create(m.group(1));
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                throw new IllegalStateException("runtime exited before it was ready");
            }).get(120, TimeUnit.SECONDS);
            // keep reading so the child never blocks on a full pipe
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
            drain.setDaemon(true);
            drain.start();

            // a request starts a function JVM (a real cold start)
            int status = new Api(url).send("GET", "/v1/listings/1G1ZD5ST1LF012345", null, null).status();
            assertEquals(404, status);

            List<ProcessHandle> children = runtime.toHandle().descendants().toList();
            assertTrue(children.stream().anyMatch(p -> p.info().commandLine().orElse("").contains("AWSLambda")),
                    "a function JVM runs: " + children.stream().map(p -> p.info().commandLine().orElse("?")).toList());
            assertTrue(children.stream().anyMatch(p -> p.info().commandLine().orElse("").contains("autocentric-moto")),
                    "the emulator runs");

            // A process started in the background of a shell without job control inherits SIGINT as
            // ignored, and then no JVM can catch it; there the same stop path is reached by SIGTERM.
            String signal = sigintIgnored(runtime.pid()) ? "-TERM" : "-INT";
            new ProcessBuilder("kill", signal, Long.toString(runtime.pid())).start().waitFor();
            assertTrue(runtime.waitFor(60, TimeUnit.SECONDS), "the runtime exits on Ctrl-C");
            for (ProcessHandle child : children) {
                child.onExit().get(10, TimeUnit.SECONDS);
                assertTrue(!child.isAlive(), "still running: " + child.info().commandLine().orElse("?"));
            }
        } finally {
            runtime.descendants().forEach(ProcessHandle::destroyForcibly);
            runtime.destroyForcibly();
        }
    }
}
