package dev.autocentric.local.http;

import dev.autocentric.local.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The pages the local runtime serves beside the API, from the classpath folder {@code web/}: the
 * OpenAPI document ({@code /openapi.yaml}, and {@code /openapi.json} for the docs page), its
 * rendered docs ({@code /docs}) and the storefront ({@code /store/}; {@code /} leads there). None
 * lies under {@code /v1}, so none can shadow an API route.
 */
public final class StaticSite {

    /** The paths served, besides {@code /store/<file>}. */
    public static final List<String> PATHS = List.of("/", "/openapi.yaml", "/openapi.json", "/docs", "/store", "/store/");

    private static final String ROOT = "web/";
    private static final Pattern STORE_FILE = Pattern.compile("/store/([a-z0-9][a-z0-9_-]*\\.(?:html|js|css|svg))");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "yaml", "application/yaml; charset=utf-8",
            "json", "application/json");

    private final ClassLoader loader;
    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

    public StaticSite() {
        this(StaticSite.class.getClassLoader());
    }

    StaticSite(ClassLoader loader) {
        this.loader = loader;
    }

    /** Whether {@code path} is one of this site's, whatever the method. */
    public boolean serves(String path) {
        return PATHS.contains(path) || STORE_FILE.matcher(path).matches();
    }

    /** The answer to a request for one of {@link #serves} paths: 405 for methods other than GET and HEAD. */
    public GatewayResponse respond(String method, String path) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return new GatewayResponse(405, Map.of("allow", List.of("GET, HEAD"), "content-type", List.of("application/json")),
                    "{\"message\":\"Method Not Allowed\"}".getBytes(StandardCharsets.UTF_8));
        }
        return switch (path) {
            case "/", "/store" -> new GatewayResponse(302, Map.of("location", List.of("/store/")), new byte[0]);
            case "/openapi.yaml" -> file("openapi.yaml");
            case "/openapi.json" -> openApiJson();
            case "/docs" -> file("docs.html");
            case "/store/" -> file("store/index.html");
            default -> {
                var m = STORE_FILE.matcher(path);
                yield m.matches() ? file("store/" + m.group(1)) : notFound();
            }
        };
    }

    private GatewayResponse file(String name) {
        return read(name).map(bytes -> ok(type(name), bytes)).orElseGet(StaticSite::notFound);
    }

    /** The YAML document as JSON, so a page reads it with {@code response.json()}. */
    private GatewayResponse openApiJson() {
        return read("openapi.yaml").map(yaml -> {
            Object tree = new Yaml(new SafeConstructor(new LoaderOptions()))
                    .load(new String(yaml, StandardCharsets.UTF_8));
            return ok(TYPES.get("json"), Json.bytes(Json.MAPPER.valueToTree(tree)));
        }).orElseGet(StaticSite::notFound);
    }

    private Optional<byte[]> read(String name) {
        return cache.computeIfAbsent(name, n -> {
            try (InputStream in = loader.getResourceAsStream(ROOT + n)) {
                return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + ROOT + n, e);
            }
        });
    }

    private static String type(String name) {
        return TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
    }

    private static GatewayResponse ok(String contentType, byte[] body) {
        return new GatewayResponse(200, Map.of("content-type", List.of(contentType),
                "cache-control", List.of("no-cache"), "x-content-type-options", List.of("nosniff")), body);
    }

    private static GatewayResponse notFound() {
        return GatewayResponse.message(404, "Not Found");
    }
}
