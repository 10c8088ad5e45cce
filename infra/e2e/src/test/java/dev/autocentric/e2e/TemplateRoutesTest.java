package dev.autocentric.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autocentric.local.cfn.EventSource;
import dev.autocentric.local.cfn.FunctionSpec;
import dev.autocentric.local.cfn.ResourceNames;
import dev.autocentric.local.cfn.SamTemplate;
import dev.autocentric.local.emulator.ProjectRoot;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
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
 * template.yaml and the code must agree: every function's JAR exists and holds its handler, every
 * HttpApi route of a function is a controller route in that function's JAR, and every controller
 * route is in template.yaml. Each route also has a sample API Gateway event under events/http.
 */
class TemplateRoutesTest {
    private static final List<String> HTTP_METHODS = List.of("Get", "Post", "Put", "Delete", "Patch", "Head", "Options");

    private final Path root = ProjectRoot.find();
    private final SamTemplate template = SamTemplate.load(root.resolve("template.yaml"),
            Map.of("AdminTokenSha256", "0".repeat(64)));
    private final List<FunctionSpec> functions = template.functions(new PlaceholderNames());

    @TestFactory
    Stream<DynamicTest> eachFunctionsHandlerAndRoutesResolveToCode() {
        assertFalse(functions.isEmpty(), "template.yaml declares functions");
        return functions.stream().map(f -> DynamicTest.dynamicTest(f.logicalId(), () -> {
            assertTrue(Files.isRegularFile(f.codeUri()), f.logicalId() + ": CodeUri " + f.codeUri() + " is built");
            String handlerClass = f.handler().contains("::") ? f.handler().substring(0, f.handler().indexOf("::")) : f.handler();
            try (JarFile jar = new JarFile(f.codeUri().toFile())) {
                assertNotNull(jar.getEntry(handlerClass.replace('.', '/') + ".class"),
                        f.logicalId() + ": handler " + handlerClass + " is in " + f.codeUri().getFileName());
            }
            Set<String> inTemplate = new TreeSet<>();
            f.events(EventSource.HttpApi.class).forEach(e -> inTemplate.add(e.method() + " " + e.path()));
            if (handlerClass.equals("dev.autocentric.shared.http.ApiFunction")) {
                assertEquals(inTemplate, controllerRoutes(f.codeUri()),
                        f.logicalId() + ": template routes (left) vs controller routes (right)");
            } else {
                assertTrue(inTemplate.isEmpty(), f.logicalId() + " has HTTP routes but no HTTP handler");
            }
        }));
    }

    @Test
    void everyRouteHasASampleEventAndEverySampleIsARoute() throws IOException {
        Set<String> routes = new TreeSet<>();
        functions.forEach(f -> f.events(EventSource.HttpApi.class).forEach(e -> routes.add(e.method() + " " + e.path())));
        Set<String> samples = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(root.resolve("events/http"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode e = json.readTree(p.toFile());
                assertEquals("2.0", e.path("version").asText(), p + " is a payload 2.0 event");
                samples.add(e.path("routeKey").asText());
            }
        }
        assertEquals(routes, samples);
    }

    /** "METHOD /path" of every controller method in the JAR's own (dev.autocentric) classes. */
    @SuppressWarnings("unchecked")
    static Set<String> controllerRoutes(Path jarPath) throws Exception {
        Set<String> routes = new TreeSet<>();
        try (JarFile jar = new JarFile(jarPath.toFile());
             URLClassLoader loader = new URLClassLoader(new URL[] {jarPath.toUri().toURL()},
                     ClassLoader.getPlatformClassLoader())) {
            Class<? extends Annotation> controller = (Class<? extends Annotation>)
                    loader.loadClass("io.micronaut.http.annotation.Controller");
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (!name.startsWith("dev/autocentric/") || !name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> type = loader.loadClass(name.substring(0, name.length() - 6).replace('/', '.'));
                Annotation c = type.getAnnotation(controller);
                if (c == null) {
                    continue;
                }
                String base = uri(c);
                for (Method m : type.getDeclaredMethods()) {
                    for (String verb : HTTP_METHODS) {
                        Class<? extends Annotation> a = (Class<? extends Annotation>)
                                loader.loadClass("io.micronaut.http.annotation." + verb);
                        Annotation mapping = m.getAnnotation(a);
                        if (mapping != null) {
                            routes.add(verb.toUpperCase() + " " + join(base, uri(mapping)));
                        }
                    }
                }
            }
        }
        return routes;
    }

    private static String uri(Annotation a) throws Exception {
        String value = (String) a.annotationType().getMethod("value").invoke(a);
        if (value == null || value.isEmpty() || value.equals("/")) {
            try {
                value = (String) a.annotationType().getMethod("uri").invoke(a);
            } catch (NoSuchMethodException none) {
                value = "";
            }
        }
        return value.replaceAll("\\{[?&][^}]*}", ""); // query templates are not part of the path
    }

    private static String join(String base, String path) {
        String joined = ("/" + base + "/" + path).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** Routes and handlers need no real resources: every reference resolves to a placeholder. */
    static final class PlaceholderNames implements ResourceNames {
        @Override
        public String ref(String logicalId) {
            return "local-" + logicalId;
        }

        @Override
        public String getAtt(String logicalId, String attribute) {
            return "arn:aws:local:us-east-1:123456789012:" + logicalId + "/" + attribute;
        }

        @Override
        public String region() {
            return "us-east-1";
        }

        @Override
        public String accountId() {
            return "123456789012";
        }

        @Override
        public String stackName() {
            return "autocentric";
        }
    }
}
