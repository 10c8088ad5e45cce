package dev.autocentric.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autocentric.local.cfn.FunctionSpec;
import dev.autocentric.local.cfn.SamTemplate;
import dev.autocentric.local.emulator.ProjectRoot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each deployment JAR holds what its function uses and nothing else: every class falls under a
 * prefix of the JAR's allow-list ({@code function-jars.allow}), every prefix there is still used,
 * and no JAR carries an HTTP client besides the SDK's UrlConnectionHttpClient. Fails when a
 * dependency change drags a library in (or leaves a stale line in the list).
 */
class FunctionJarsTest {

    /** Never in any JAR: HTTP clients the functions do not use (the SDK talks through UrlConnectionHttpClient). */
    static final List<String> NEVER = List.of("software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/apache5/",
            "software/amazon/awssdk/http/nio/", "software/amazon/awssdk/http/crt/", "software/amazon/awssdk/crt/",
            "io/netty/", "org/apache/http/", "org/apache/hc/", "okhttp3/", "io/micronaut/http/client/", "org/joda/");

    private final Path root = ProjectRoot.find();

    /** The allow-list: section name to its prefixes; a JAR section may name groups it includes. */
    record AllowList(Map<String, List<String>> prefixes, Map<String, List<String>> includes) {

        static AllowList load() throws IOException {
            Map<String, List<String>> prefixes = new LinkedHashMap<>();
            Map<String, List<String>> includes = new LinkedHashMap<>();
            String section = null;
            try (InputStream in = FunctionJarsTest.class.getResourceAsStream("/function-jars.allow")) {
                for (String raw : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String line = raw.strip();
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    if (line.startsWith("[")) {
                        int close = line.indexOf(']');
                        section = line.substring(1, close);
                        prefixes.put(section, new ArrayList<>());
                        String rest = line.substring(close + 1).strip();
                        includes.put(section, rest.isEmpty() ? List.of() : List.of(rest.split("\\s+")));
                    } else {
                        prefixes.get(section).add(line);
                    }
                }
            }
            return new AllowList(prefixes, includes);
        }

        /** Every prefix that applies to a JAR: [common], its groups, its own. */
        List<String> forJar(String jar) {
            List<String> all = new ArrayList<>(prefixes.get("common"));
            for (String group : includes.getOrDefault(jar, List.of())) {
                all.addAll(prefixes.get(group));
            }
            all.addAll(prefixes.get(jar));
            return all;
        }

        Set<String> jars() {
            Set<String> jars = new TreeSet<>();
            prefixes.keySet().stream().filter(s -> s.endsWith(".jar")).forEach(jars::add);
            return jars;
        }
    }

    static List<String> classes(Path jar) throws IOException {
        List<String> classes = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : Collections.list(file.entries())) {
                String name = e.getName();
                if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                    classes.add(name);
                }
            }
        }
        return classes;
    }

    @Test
    void everyJarOfTheTemplateHasAnAllowList() throws IOException {
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"), Map.of("AdminTokenSha256", "0".repeat(64)));
        Set<String> jars = new TreeSet<>();
        for (FunctionSpec f : template.functions(new TemplateRoutesTest.PlaceholderNames())) {
            jars.add(root.relativize(f.codeUri()).toString());
        }
        assertEquals(jars, AllowList.load().jars());
    }

    @TestFactory
    Stream<DynamicTest> eachJarHoldsOnlyWhatItsFunctionUses() throws IOException {
        AllowList allow = AllowList.load();
        return allow.jars().stream().map(jar -> DynamicTest.dynamicTest(jar, () -> {
            Path file = root.resolve(jar);
            assertTrue(Files.isRegularFile(file), jar + " is built");
            List<String> classes = classes(file);
            List<String> prefixes = allow.forJar(jar);
            Set<String> never = new TreeSet<>();
            Set<String> outside = new TreeSet<>();
            for (String c : classes) {
                NEVER.stream().filter(c::startsWith).forEach(never::add);
                if (prefixes.stream().noneMatch(c::startsWith)) {
                    outside.add(packageOf(c));
                }
            }
            assertTrue(never.isEmpty(), jar + " holds an HTTP client or library no function uses: " + never);
            assertTrue(outside.isEmpty(), jar + " holds packages its allow-list does not name: " + outside);
            List<String> unused = prefixes.stream().filter(p -> classes.stream().noneMatch(c -> c.startsWith(p))).toList();
            assertTrue(unused.isEmpty(), jar + ": allow-list lines that match nothing (remove them): " + unused);
            System.out.printf("%s: %,d bytes, %,d classes%n", jar, Files.size(file), classes.size());
        }));
    }

    @Test
    void theCheckSeesALibraryThatIsNotAllowed() throws IOException {
        AllowList allow = AllowList.load();
        List<String> notifier = allow.forJar("functions/notifier/target/notifier-function.jar");
        assertFalse(notifier.stream().anyMatch("io/micronaut/http/HttpRequest.class"::startsWith),
                "a Micronaut class would be outside the notifier's list");
        assertTrue(NEVER.stream().anyMatch("io/netty/buffer/ByteBuf.class"::startsWith));
    }

    private static String packageOf(String classFile) {
        String[] parts = classFile.split("/");
        int depth = Math.min(parts.length - 1, 4);
        return String.join("/", List.of(parts).subList(0, depth)) + "/";
    }
}
