package dev.autocentric.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.autocentric.local.Json;
import dev.autocentric.local.lambda.InvocationResult;
import dev.autocentric.local.lambda.Invoker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The template's HTTP API on one loopback port: routes each request to its function as a payload
 * 2.0 event and answers with the function's response, with API Gateway's own error answers and
 * its CORS handling ({@link CorsPolicy}). Paths no route claims may be served by a
 * {@link StaticSite} (docs, storefront).
 */
public final class HttpApiGateway implements AutoCloseable {

    /** API Gateway's payload limit */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** API Gateway HTTP APIs give up on an integration after 30 s */
    static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(30);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RouteTable routes;
    private final Map<String, ? extends Invoker> functions;
    private final PayloadV2 payload;
    private final CorsPolicy cors;
    private final StaticSite site;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param functions the invoker of each function a route names
     * @param port      0 for a free port
     */
    public HttpApiGateway(RouteTable routes, Map<String, ? extends Invoker> functions, String host, int port,
                          String apiId, String accountId) throws IOException {
        this(routes, functions, host, port, apiId, accountId, CorsPolicy.none(), null);
    }

    /**
     * @param cors the API's CORS configuration ({@link CorsPolicy#none()} for none)
     * @param site pages served on paths no route claims; null for none
     */
    public HttpApiGateway(RouteTable routes, Map<String, ? extends Invoker> functions, String host, int port,
                          String apiId, String accountId, CorsPolicy cors, StaticSite site) throws IOException {
        this.routes = routes;
        this.functions = Map.copyOf(functions);
        this.payload = new PayloadV2(apiId, accountId);
        this.cors = cors;
        this.site = site;
        for (Route route : routes.routes()) {
            if (!functions.containsKey(route.function())) {
                throw new IllegalArgumentException(route.routeKey() + " names an unknown function " + route.function());
            }
        }
        if (site != null) {
            for (String path : StaticSite.PATHS) {
                routes.match("GET", path).filter(m -> !m.route().isDefault()).ifPresent(m -> {
                    throw new IllegalArgumentException(m.route().routeKey() + " clashes with the local page " + path);
                });
            }
        }
        InetAddress address = host == null ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
        server = HttpServer.create(new InetSocketAddress(address, port), 128);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var requestHeaders = exchange.getRequestHeaders();
            String origin = requestHeaders.getFirst("origin");
            if (cors.isPreflight(exchange.getRequestMethod(), origin, requestHeaders.getFirst("access-control-request-method"))) {
                // API Gateway answers preflights itself, whatever the routes
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                cors.preflight(origin, requestHeaders.getFirst("access-control-request-method"),
                        requestHeaders.getFirst("access-control-request-headers"))
                        .forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
                exchange.getResponseHeaders().set("apigw-requestid", requestId());
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            GatewayResponse response;
            try {
                response = respond(exchange);
            } catch (RuntimeException e) {
                System.err.println("[http] " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + ": " + e);
                response = GatewayResponse.message(500, "Internal Server Error");
            }
            String requestId = exchange.getResponseHeaders().getFirst("apigw-requestid");
            response.headers().forEach((name, values) -> {
                // the server frames the body itself; a function's own framing headers would contradict it
                if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")
                        && !cors.owns(name)) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            cors.responseHeaders(origin).forEach((name, values) -> {
                if (name.equals("vary")) {
                    exchange.getResponseHeaders().add(name, values.getFirst());
                } else {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            if (requestId == null) {
                exchange.getResponseHeaders().set("apigw-requestid", requestId());
            }
            boolean noBody = response.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    private GatewayResponse respond(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String rawPath = uri.getRawPath();
        var match = routes.match(exchange.getRequestMethod(), rawPath);
        if (site != null && site.serves(rawPath) && match.map(m -> m.route().isDefault()).orElse(true)) {
            return site.respond(exchange.getRequestMethod(), rawPath);
        }
        if (match.isEmpty()) {
            return GatewayResponse.message(404, "Not Found");
        }
        byte[] body = readLimited(exchange.getRequestBody());
        if (body == null) {
            return GatewayResponse.message(413, "Request Entity Too Large");
        }
        String requestId = requestId();
        exchange.getResponseHeaders().set("apigw-requestid", requestId);
        var request = new GatewayRequest(exchange.getRequestMethod(), rawPath,
                uri.getRawQuery() == null ? "" : uri.getRawQuery(), exchange.getRequestHeaders(), body,
                exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol(), Instant.now());
        var event = payload.event(request, match.get(), requestId);
        InvocationResult result = functions.get(match.get().route().function())
                .invoke(Json.bytes(event), INTEGRATION_TIMEOUT);
        return switch (result.outcome()) {
            case SUCCESS -> PayloadV2.response(result.payload());
            case THROTTLED -> GatewayResponse.message(503, "Service Unavailable");
            default -> GatewayResponse.message(500, "Internal Server Error");
        };
    }

    /** The body, or null when it is over the limit. */
    private static byte[] readLimited(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            in.transferTo(OutputStream.nullOutputStream());
            return null;
        }
        return bytes;
    }

    /** API Gateway's request ids look like {@code JKJaXmPLvHcESHA=}. */
    private static String requestId() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    public List<Route> routes() {
        return routes.routes();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
