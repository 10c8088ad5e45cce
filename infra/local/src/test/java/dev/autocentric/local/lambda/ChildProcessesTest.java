package dev.autocentric.local.lambda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChildProcessesTest {

    @TempDir
    Path dir;

    @Test
    void stopsOnlyLeftoversThatRunOurCommands() throws Exception {
        // a stand-in for a function JVM: its command line names the RIC's main class
        Process ours = new ProcessBuilder("bash", "-c", "sleep 60; true", "AWSLambda").start();
        // and for the emulator: the command line runs our launcher script (python3 .../moto_launcher.py)
        Path launcher = dir.resolve("moto_launcher.py");
        Files.writeString(launcher, "sleep 60\n");
        Process emulator = new ProcessBuilder("bash", launcher.toString()).start();
        Process stranger = new ProcessBuilder("bash", "-c", "sleep 60; true", "unrelated").start();
        try {
            Path pidFile = dir.resolve("pids");
            Files.write(pidFile, List.of(Long.toString(ours.pid()), Long.toString(emulator.pid()),
                    Long.toString(stranger.pid()), "999999999"));

            List<Long> killed = ChildProcesses.killLeftovers(pidFile);

            assertEquals(List.of(ours.pid(), emulator.pid()), killed);
            assertTrue(ours.waitFor(5, TimeUnit.SECONDS));
            assertTrue(emulator.waitFor(5, TimeUnit.SECONDS));
            assertTrue(stranger.isAlive());
            assertFalse(Files.exists(pidFile));
        } finally {
            ours.destroyForcibly();
            emulator.destroyForcibly();
            stranger.destroyForcibly();
        }
    }

    @Test
    void listsLiveChildrenAndStopsThemOnClose() throws Exception {
        Path pidFile = dir.resolve("pids");
        var children = new ChildProcesses(pidFile);
        Process child = new ProcessBuilder("sleep", "60").start();
        children.register(child.toHandle());
        assertEquals(List.of(Long.toString(child.pid())), Files.readAllLines(pidFile));

        children.close();

        assertTrue(child.waitFor(5, TimeUnit.SECONDS));
        assertFalse(Files.exists(pidFile));
    }
}
