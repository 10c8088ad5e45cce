package dev.autocentric.local.lambda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.stream.Stream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deployment package unpacked as Lambda unpacks it, once per version, never outside its root. */
class TaskRootTest {

    /** Writes a ZIP of {@code entries} (name to text) at {@code path}. */
    static Path jar(Path path, Map<String, String> entries) throws IOException {
        try (OutputStream raw = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(raw)) {
            for (var e : new TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return path;
    }

    @Test
    void unpacksEachVersionOnceAndANewBuildIntoANewRoot(@TempDir Path dir) throws IOException {
        Path jar = jar(dir.resolve("fn.jar"), Map.of("META-INF/services/x.Y", "x.Impl\n", "x/Impl.class", "one",
                "lib/dep.jar", "nested jars stay JARs"));
        Path root = TaskRoot.of(jar, dir.resolve("roots"));
        assertEquals("one", Files.readString(root.resolve("x/Impl.class")));
        assertEquals("x.Impl\n", Files.readString(root.resolve("META-INF/services/x.Y")));
        assertTrue(Files.isRegularFile(root.resolve("lib/dep.jar")));
        assertEquals(root, TaskRoot.of(jar, dir.resolve("roots")), "the same version is not unpacked again");

        jar(jar, Map.of("x/Impl.class", "two, rebuilt"));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
        Path rebuilt = TaskRoot.of(jar, dir.resolve("roots"));
        assertNotEquals(root, rebuilt);
        assertEquals("two, rebuilt", Files.readString(rebuilt.resolve("x/Impl.class")));
        assertFalse(Files.exists(rebuilt.resolve("META-INF/services/x.Y")), "nothing of the old build is left in the new root");
        assertTrue(Files.isDirectory(root), "a root an instance may still run from stays while recently used");

        // a version nobody has started from for a while goes when the next one is unpacked
        Files.setLastModifiedTime(root, FileTime.from(Instant.now().minusSeconds(3600)));
        jar(jar, Map.of("x/Impl.class", "three"));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(10)));
        Path third = TaskRoot.of(jar, dir.resolve("roots"));
        assertFalse(Files.exists(root), "the stale root is removed");
        assertTrue(Files.isDirectory(rebuilt), "the recently used one stays");
        assertEquals("three", Files.readString(third.resolve("x/Impl.class")));

        // another package's root unused for over a day, and a crashed unpack, go too; a recent one stays
        Path cache = dir.resolve("roots");
        Path forgotten = Files.createDirectories(cache.resolve("other-000000000000-1-1"));
        Path recentOther = Files.createDirectories(cache.resolve("another-000000000000-1-1"));
        Path crashed = Files.createDirectories(cache.resolve(third.getFileName() + ".part-dead"));
        Files.setLastModifiedTime(forgotten, FileTime.from(Instant.now().minusSeconds(2 * 86_400)));
        Files.setLastModifiedTime(recentOther, FileTime.from(Instant.now().minusSeconds(3600)));
        Files.setLastModifiedTime(crashed, FileTime.from(Instant.now().minusSeconds(3600)));
        jar(jar, Map.of("x/Impl.class", "four"));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(15)));
        TaskRoot.of(jar, cache);
        assertFalse(Files.exists(forgotten));
        assertFalse(Files.exists(crashed));
        assertTrue(Files.exists(recentOther));
    }

    @Test
    void instancesStartingTogetherShareOneRoot(@TempDir Path dir) throws Exception {
        java.util.Map<String, String> entries = new java.util.HashMap<>();
        for (int i = 0; i < 300; i++) {
            entries.put("p/C" + i + ".class", "class " + i);
        }
        Path jar = jar(dir.resolve("together-" + System.nanoTime() + ".jar"), entries);
        int threads = 6;
        var start = new java.util.concurrent.CyclicBarrier(threads);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
            var roots = new java.util.ArrayList<java.util.concurrent.Future<Path>>();
            for (int t = 0; t < threads; t++) {
                roots.add(pool.submit(() -> {
                    start.await();
                    return TaskRoot.of(jar, dir.resolve("roots"));
                }));
            }
            Path first = roots.getFirst().get();
            for (var root : roots) {
                assertEquals(first, root.get(), "every racing start gets the same, complete root");
            }
            assertEquals("class 299", Files.readString(first.resolve("p/C299.class")));
            try (Stream<Path> leftovers = Files.list(first.getParent())) {
                assertFalse(leftovers.anyMatch(p -> p.getFileName().toString().startsWith(first.getFileName() + ".part-")),
                        "the losers' half-built trees are gone");
            }
        }
    }

    @Test
    void aDirectoryIsItsOwnTaskRoot(@TempDir Path dir) {
        assertEquals(dir.toAbsolutePath(), TaskRoot.of(dir, dir.resolve("roots")));
    }

    @Test
    void refusesEntriesThatWouldLandOutsideTheRoot(@TempDir Path dir) throws IOException {
        Path jar = jar(dir.resolve("evil.jar"), Map.of("../../escaped.txt", "no"));
        var e = assertThrows(UncheckedIOException.class, () -> TaskRoot.of(jar, dir.resolve("roots")));
        assertTrue(e.getCause().getMessage().contains("outside the task root"), e.getCause().getMessage());
        assertFalse(Files.exists(dir.resolve("escaped.txt")));
    }
}
