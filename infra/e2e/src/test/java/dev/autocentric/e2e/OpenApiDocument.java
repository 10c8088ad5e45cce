package dev.autocentric.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import dev.autocentric.local.emulator.ProjectRoot;
import dev.autocentric.local.http.Route;
import dev.autocentric.local.http.RouteTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hand-written OpenAPI 3.1 description of the HTTP API (the file the local runtime serves at
 * /openapi.yaml), read for tests: its operations, which one a request hit, and whether a request
 * or response matches what the document says of that operation and status.
 */
final class OpenApiDocument {
    static final Path FILE = ProjectRoot.find().resolve("infra/local/src/main/resources/web/openapi.yaml");
    static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static OpenApiDocument loaded;

    private final JsonNode root;
    private final RouteTable routes = new RouteTable();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.metaSchema(OpenApi31.getInstance()).defaultMetaSchemaIri(OpenApi31.getInstance().getIri()));
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private OpenApiDocument(JsonNode root) {
        this.root = root;
        operations().forEach(op -> {
            int space = op.indexOf(' ');
            routes.add(new Route(op.substring(0, space), op.substring(space + 1), "document"));
        });
    }

    static synchronized OpenApiDocument get() {
        if (loaded == null) {
            try {
                loaded = new OpenApiDocument(YAML.readTree(FILE.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + FILE, e);
            }
        }
        return loaded;
    }

    JsonNode root() {
        return root;
    }

    /** "METHOD /path" of every operation, as template.yaml writes its routes. */
    Set<String> operations() {
        Set<String> out = new TreeSet<>();
        root.path("paths").fields().forEachRemaining(path -> METHODS.forEach(m -> {
            if (path.getValue().has(m)) {
                out.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return out;
    }

    /** The documented path a request to {@code rawPath} hits, chosen as API Gateway chooses routes. */
    Optional<String> pathOf(String method, String rawPath) {
        return routes.match(method, rawPath).map(m -> m.route().path());
    }

    JsonNode operation(String method, String path) {
        return root.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
    }

    /** A node with every $ref followed. */
    JsonNode resolve(JsonNode node) {
        for (int hops = 0; node.has("$ref") && hops < 20; hops++) {
            node = root.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    /** What is wrong with an answer, per the document; empty when it matches. */
    List<String> checkResponse(String method, String path, int status, HttpHeaders headers, String body) {
        List<String> problems = new ArrayList<>();
        JsonNode op = operation(method, path);
        JsonNode response = resolve(op.path("responses").path(String.valueOf(status)));
        String pointer = pointerOf(op.path("responses").path(String.valueOf(status)),
                pointer("paths", path, method.toLowerCase(Locale.ROOT), "responses", String.valueOf(status)));
        if (response.isMissingNode()) {
            return List.of("status " + status + " is not documented for " + method + " " + path);
        }
        response.path("headers").fields().forEachRemaining(h -> {
            JsonNode header = resolve(h.getValue());
            if (header.path("required").asBoolean() && headers.firstValue(h.getKey()).isEmpty()) {
                problems.add("header " + h.getKey() + " is required but absent");
            }
            headers.firstValue(h.getKey()).ifPresent(value -> problems.addAll(
                    validate(pointerOf(h.getValue(), pointer + "/headers/" + escape(h.getKey())) + "/schema",
                            Api.JSON.getNodeFactory().textNode(value), "header " + h.getKey())));
        });
        JsonNode content = response.path("content");
        String type = headers.firstValue("content-type").map(t -> t.split(";")[0].trim()).orElse(null);
        if (content.isMissingNode() || content.isEmpty()) {
            if (body != null && !body.isEmpty()) {
                problems.add("a body is answered where the document says none: " + abbreviate(body));
            }
            return problems;
        }
        if (type == null || !content.has(type)) {
            problems.add("content-type " + type + " is not one of " + fieldNames(content));
            return problems;
        }
        JsonNode json;
        try {
            json = Api.JSON.readTree(body);
        } catch (IOException e) {
            problems.add("the body is not JSON: " + abbreviate(body));
            return problems;
        }
        String schemaPointer = pointer + "/content/" + escape(type) + "/schema";
        problems.addAll(validate(schemaPointer, json, "body"));
        return problems;
    }

    /**
     * What is wrong with a JSON request body the API accepted, per the document; empty when it
     * matches. An operation marked {@code x-accepts-invalid-items} (a batch) answers 2xx with bad
     * items rejected one by one, so its request is not held to the schema.
     */
    List<String> checkRequest(String method, String path, String body) {
        JsonNode op = operation(method, path);
        if (op.path("requestBody").isMissingNode() || body == null || op.path("x-accepts-invalid-items").asBoolean()) {
            return List.of();
        }
        String pointer = pointerOf(op.get("requestBody"),
                pointer("paths", path, method.toLowerCase(Locale.ROOT), "requestBody")) + "/content/application~1json/schema";
        try {
            return validate(pointer, Api.JSON.readTree(body), "request body");
        } catch (IOException e) {
            return List.of("the accepted request body is not JSON");
        }
    }

    /** Every schema in the document compiles (a misspelt keyword or a dangling $ref fails here). */
    List<String> compileEverySchema() {
        List<String> problems = new ArrayList<>();
        root.path("components").path("schemas").fieldNames().forEachRemaining(name -> {
            try {
                schema("/components/schemas/" + escape(name)).initializeValidators();
            } catch (RuntimeException e) {
                problems.add(name + ": " + e.getMessage());
            }
        });
        return problems;
    }

    private List<String> validate(String pointer, JsonNode value, String what) {
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : schema(pointer).validate(value)) {
            problems.add(what + " " + m.getMessage());
        }
        return problems;
    }

    private JsonSchema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(FILE.toUri() + "#" + p.replace("{", "%7B").replace("}", "%7D")),
                    config);
            schema.initializeValidators();
            return schema;
        });
    }

    /** The pointer of a node that may be a $ref: its target's, else its own. */
    private String pointerOf(JsonNode node, String own) {
        String pointer = own;
        for (int hops = 0; node.has("$ref") && hops < 20; hops++) {
            pointer = node.get("$ref").asText().substring(1);
            node = root.at(pointer);
        }
        return pointer;
    }

    static String pointer(String... tokens) {
        StringBuilder out = new StringBuilder();
        for (String t : tokens) {
            out.append('/').append(escape(t));
        }
        return out.toString();
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
