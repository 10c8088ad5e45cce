package dev.autocentric.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.local.cfn.EventSource;
import dev.autocentric.local.cfn.FunctionSpec;
import dev.autocentric.local.cfn.SamTemplate;
import dev.autocentric.local.emulator.ProjectRoot;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml, template.yaml and the code describe one API: every path and method of the
 * document is an HttpApi route of the template and a controller route in a function's JAR, and
 * the reverse; and the document is sound (unique operation ids, declared path parameters and
 * security schemes, resolvable references, schemas that compile).
 */
class OpenApiContractTest {
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    private final OpenApiDocument doc = OpenApiDocument.get();
    private final SamTemplate template = SamTemplate.load(ProjectRoot.find().resolve("template.yaml"),
            Map.of("AdminTokenSha256", "0".repeat(64)));
    private final List<FunctionSpec> functions = template.functions(new TemplateRoutesTest.PlaceholderNames());

    @Test
    void everyDocumentedOperationIsATemplateRouteAndTheReverse() {
        Set<String> routes = new TreeSet<>();
        functions.forEach(f -> f.events(EventSource.HttpApi.class).forEach(e -> routes.add(e.method() + " " + e.path())));
        assertFalse(routes.isEmpty());
        assertEquals(routes, doc.operations(), "template.yaml routes (left) vs openapi.yaml operations (right)");
    }

    @Test
    void everyDocumentedOperationIsAControllerRouteInCodeAndTheReverse() throws Exception {
        Set<String> inCode = new TreeSet<>();
        for (FunctionSpec f : functions) {
            if (!f.events(EventSource.HttpApi.class).isEmpty()) {
                inCode.addAll(TemplateRoutesTest.controllerRoutes(f.codeUri()));
            }
        }
        assertEquals(inCode, doc.operations(), "controller routes in the function JARs (left) vs openapi.yaml (right)");
    }

    @Test
    void theDocumentIsSound() {
        JsonNode root = doc.root();
        assertEquals("3.1.0", root.path("openapi").asText());
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> schemes = new HashSet<>();
        root.path("components").path("securitySchemes").fieldNames().forEachRemaining(schemes::add);
        for (String operation : doc.operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1);
            JsonNode op = doc.operation(method, path);
            if (!ids.add(op.path("operationId").asText())) {
                problems.add(operation + ": operationId missing or not unique");
            }
            if (op.path("summary").asText().isBlank() || op.path("tags").isEmpty()) {
                problems.add(operation + ": needs a summary and a tag");
            }
            Set<String> inPath = new TreeSet<>();
            Matcher m = PATH_PARAMETER.matcher(path);
            while (m.find()) {
                inPath.add(m.group(1));
            }
            Set<String> declared = new TreeSet<>();
            for (JsonNode p : op.path("parameters")) {
                JsonNode parameter = doc.resolve(p);
                if (parameter.isMissingNode() || parameter.path("schema").isMissingNode()) {
                    problems.add(operation + ": parameter " + p + " does not resolve to one with a schema");
                }
                if (parameter.path("in").asText().equals("path")) {
                    declared.add(parameter.path("name").asText());
                    if (!parameter.path("required").asBoolean()) {
                        problems.add(operation + ": path parameter " + parameter.path("name").asText() + " must be required");
                    }
                }
            }
            if (!inPath.equals(declared)) {
                problems.add(operation + ": path parameters " + inPath + " but declared " + declared);
            }
            boolean success = false;
            for (var responses = op.path("responses").fields(); responses.hasNext(); ) {
                var r = responses.next();
                success |= r.getKey().startsWith("2");
                if (doc.resolve(r.getValue()).path("description").asText().isBlank()) {
                    problems.add(operation + " " + r.getKey() + ": no description");
                }
            }
            if (!success) {
                problems.add(operation + ": no 2xx response");
            }
            for (JsonNode requirement : op.path("security")) {
                requirement.fieldNames().forEachRemaining(name -> {
                    if (!schemes.contains(name)) {
                        problems.add(operation + ": unknown security scheme " + name);
                    }
                });
            }
            boolean dealerRoute = path.startsWith("/v1/dealers/{dealerId}/");
            boolean needsCredential = op.path("security").toString().contains("dealerCredential");
            if (dealerRoute != needsCredential) {
                problems.add(operation + ": routes under /v1/dealers/{dealerId}/ and only they take a dealer credential");
            }
        }
        collectRefs(root, problems);
        problems.addAll(doc.compileEverySchema());
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theCheckerRefusesAnswersTheDocumentDoesNotDescribe() {
        HttpHeaders json = headers("content-type", "application/json");
        String quote = """
                {"quoteId":"q1.abc.def","vin":"1G1ZD5ST1LF012345","zip":"60601","expiresAt":"2026-01-01T00:00:00Z",
                 "deliveryDealer":{"dealerId":"dlr-chi","name":"Chicago","distanceMiles":1.5},
                 "leg":{"fromDealerId":"dlr-det","toDealerId":"dlr-chi","distanceMiles":237.1,"estimatedDays":2},
                 "lines":[{"code":"EPRICE","label":"E-price","amountCents":2749900}],"totalCents":2749900}""";
        String path = "/v1/listings/{vin}/quote";
        assertEquals(List.of(), doc.checkResponse("GET", path, 200, json, quote));
        assertFalse(doc.checkResponse("GET", path, 200, json, quote.replace(",\"totalCents\":2749900", "")).isEmpty(),
                "a required field missing");
        assertFalse(doc.checkResponse("GET", path, 200, json, quote.replace("\"zip\":\"60601\"", "\"zip\":\"60601\",\"extra\":1"))
                .isEmpty(), "a field the document does not name");
        assertFalse(doc.checkResponse("GET", path, 200, json, quote.replace("2026-01-01T00:00:00Z", "soon")).isEmpty(),
                "a date-time that is not one");
        assertFalse(doc.checkResponse("GET", path, 200, headers("content-type", "text/plain"), quote).isEmpty(),
                "another content type");
        assertFalse(doc.checkResponse("GET", path, 418, json, "{}").isEmpty(), "an undocumented status");
        assertFalse(doc.checkResponse("GET", "/v1/orders/{orderId}", 401, headers("content-type", "application/problem+json"),
                "{\"type\":\"https://autocentric.dev/problems/unauthorized\",\"title\":\"t\",\"status\":401}").isEmpty(),
                "a 401 without WWW-Authenticate");
        assertEquals(List.of(), doc.checkResponse("GET", "/v1/orders/{orderId}", 401,
                headers("content-type", "application/problem+json", "www-authenticate", "Bearer"),
                "{\"type\":\"https://autocentric.dev/problems/unauthorized\",\"title\":\"t\",\"status\":401}"));
        String listing = """
                {"vin":"1G1ZD5ST1LF012345","condition":"NEW","year":2025,"make":"Chevrolet","model":"Malibu",
                 "bodyStyle":"SEDAN","fuel":"GASOLINE","drivetrain":"FWD","transmission":"AUTOMATIC","mileage":12,
                 "msrpCents":2899500,"ePriceCents":2749900,"listed":true,"photos":[],"options":[],
                 "dealerId":"dlr-det","status":"AVAILABLE","version":1,"createdAt":"2026-01-01T00:00:00Z",
                 "updatedAt":"2026-01-01T00:00:00Z","dealRating":{"rating":"NONE","comparables":1,"marketAverageCents":2749900}}""";
        HttpHeaders etag = headers("content-type", "application/json", "etag", "\"1\"");
        assertEquals(List.of(), doc.checkResponse("GET", "/v1/listings/{vin}", 200, etag, listing));
        assertFalse(doc.checkResponse("GET", "/v1/listings/{vin}", 200, etag, listing.replace("\"listed\"", "\"secret\":1,\"listed\""))
                .isEmpty(), "a field no part of the listing names");
        assertFalse(doc.checkResponse("GET", "/v1/listings/{vin}", 200, etag, listing.replace("\"condition\":\"NEW\"", "\"condition\":\"MINT\""))
                .isEmpty(), "a value outside the enum");
        assertFalse(doc.checkResponse("GET", "/v1/listings/{vin}", 200, json, listing).isEmpty(), "no ETag");
        assertEquals("/v1/dealers/nearest", doc.pathOf("GET", "/v1/dealers/nearest").orElseThrow(), "a literal beats a parameter");
        assertEquals("/v1/dealers/{dealerId}", doc.pathOf("GET", "/v1/dealers/dlr-1").orElseThrow());
    }

    private static HttpHeaders headers(String... namesAndValues) {
        Map<String, List<String>> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }

    private void collectRefs(JsonNode node, List<String> problems) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && (!ref.asText().startsWith("#/") || doc.root().at(ref.asText().substring(1)).isMissingNode())) {
                problems.add("dangling $ref " + ref.asText());
            }
            node.elements().forEachRemaining(child -> collectRefs(child, problems));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectRefs(child, problems));
        }
    }
}
