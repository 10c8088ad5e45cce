package dev.autocentric.local.lambda;

import dev.autocentric.shared.dealer.DealerCredentials;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A function's deployment package as Lambda runs it: unpacked into a directory that is the
 * process's working directory and {@code LAMBDA_TASK_ROOT} ({@code /var/task} on Lambda), from
 * which the runtime interface client's own class loader loads the function (the directory itself
 * and any {@code lib/*.jar} in it). The function's JAR is never on the JVM's class path, just as on
 * Lambda, so class loading, resource lookups and class-path scanning behave as they do there.
 *
 * <p>Each version of a package (its path, size and modification time) is unpacked once, into a
 * directory under {@code java.io.tmpdir}: it is built beside its final name and moved there in one
 * step, so runtimes starting the same function at once never see half a tree.
 */
final class TaskRoot {

    /**
     * Older unpacked versions of a package that no instance has started from for this long are
     * removed when a new version is unpacked (each is tens of MB). An instance still running from
     * one has long since loaded what it uses; should it miss a class, it fails and the runtime
     * starts a new instance from the new version.
     */
    private static final Duration STALE = Duration.ofMinutes(10);
    /** Roots of other packages are removed once nobody has started from them for this long. */
    private static final Duration FORGOTTEN = Duration.ofDays(1);

    private TaskRoot() {
    }

    /** The task root for {@code artifact}: a directory as it is, a JAR or ZIP unpacked (once). */
    static Path of(Path artifact) {
        return of(artifact, Path.of(System.getProperty("java.io.tmpdir"), "autocentric-task-roots"));
    }

    /** As {@link #of(Path)}, unpacking under {@code cache}. */
    static Path of(Path artifact, Path cache) {
        Path absolute = artifact.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return absolute;
        }
        try {
            Files.createDirectories(cache);
            // the path's hash keeps two checkouts' JARs of the same name apart
            String family = baseName(absolute) + "-" + DealerCredentials.sha256Hex(absolute.toString()).substring(0, 12);
            String version = family + "-" + Files.size(absolute) + "-" + Files.getLastModifiedTime(absolute).toMillis();
            Path root = cache.resolve(version);
            if (Files.isDirectory(root)) {
                Files.setLastModifiedTime(root, FileTime.from(Instant.now()));
                return root;
            }
            Path building = cache.resolve(version + ".part-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            try {
                unzip(absolute, building);
            } catch (IOException | RuntimeException e) {
                deleteTree(building);
                throw e;
            }
            try {
                Files.move(building, root, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException raced) {
                deleteTree(building);
                if (!Files.isDirectory(root)) {
                    throw raced;
                }
                // another runtime unpacked the same version first (rename onto a full directory fails)
            }
            pruneStale(cache, family, root);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the deployment package " + absolute, e);
        }
    }

    static void unzip(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        try (InputStream raw = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(raw)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("entry " + entry.getName() + " would land outside the task root");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * Removes what nobody starts from any more: older versions of this package (and half-built
     * trees of crashed unpacks) unused for {@link #STALE}, and any other package's roots unused for
     * a day (test packages built in temporary directories, deleted checkouts).
     */
    private static void pruneStale(Path cache, String family, Path keep) {
        Instant now = Instant.now();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(cache)) {
            for (Path entry : entries) {
                if (entry.equals(keep)) {
                    continue;
                }
                String name = entry.getFileName().toString();
                Duration unused = Duration.between(Files.getLastModifiedTime(entry).toInstant(), now);
                boolean sibling = name.startsWith(family + "-") || name.contains(".part-");
                if (unused.compareTo(sibling ? STALE : FORGOTTEN) > 0) {
                    deleteTree(entry);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // pruning is housekeeping: a directory left behind costs disk, nothing else
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String baseName(Path artifact) {
        String name = artifact.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
