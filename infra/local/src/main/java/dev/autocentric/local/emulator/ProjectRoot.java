package dev.autocentric.local.emulator;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root: the folder holding template.yaml. */
public final class ProjectRoot {
    private ProjectRoot() {
    }

    /**
     * The {@code autocentric.root} system property when set (the Maven build sets it for tests),
     * else the nearest folder at or above the working directory that holds template.yaml.
     */
    public static Path find() {
        String configured = System.getProperty("autocentric.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("template.yaml")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no template.yaml at or above " + dir + "; set -Dautocentric.root");
    }
}
