package dev.autocentric.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autocentric.local.emulator.ProjectRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No Scan on any request path: no function's code (nor the shared module's) calls one. Every read
 * is a GetItem, BatchGetItem or Query. Tests may scan, to show what a table holds.
 */
class NoScanOnRequestPathsTest {

    static final Pattern SCAN = Pattern.compile("\\bscan(Paginator)?\\s*\\(|ScanRequest|ScanEnhancedRequest|\\.scan\\b");

    @Test
    void noFunctionCodeScans() throws IOException {
        Path root = ProjectRoot.find();
        List<Path> sources;
        try (Stream<Path> files = Stream.concat(Files.walk(root.resolve("functions")),
                Stream.concat(Files.walk(root.resolve("shared/src/main/java")),
                        Files.walk(root.resolve("shared-http/src/main/java"))))) {
            sources = files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .toList();
        }
        assertTrue(sources.stream().anyMatch(p -> p.toString().contains("/functions/orders/")), "found the sources");
        assertTrue(sources.size() > 50, "found the sources: " + sources.size());
        for (Path source : sources) {
            Matcher m = SCAN.matcher(Files.readString(source));
            assertFalse(m.find(), source + " calls a Scan");
        }
    }
}
