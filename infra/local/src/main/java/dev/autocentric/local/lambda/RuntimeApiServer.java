package dev.autocentric.local.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.autocentric.local.Json;
import dev.autocentric.local.lambda.InvocationResult.Outcome;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Lambda Runtime API (2018-06-01) for one function instance, on loopback: the runtime
 * interface client in the function's JVM long-polls {@code /next} and posts back a response or
 * an error, exactly as on Lambda.
 */
final class RuntimeApiServer implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    private final String functionArn;
    private final Duration timeout;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final BlockingQueue<PendingInvocation> queued = new LinkedBlockingQueue<>();
    private final Map<String, PendingInvocation> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong firstPollNanos = new AtomicLong();
    private volatile boolean closed;

    RuntimeApiServer(String functionArn, Duration timeout) {
        this.functionArn = functionArn;
        this.timeout = timeout;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a loopback port for the runtime API", e);
        }
        server.setExecutor(threads);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** When the instance first asked for work, i.e. its init phase ended; 0 until then. */
    long firstPollNanos() {
        return firstPollNanos.get();
    }

    void enqueue(PendingInvocation invocation) {
        if (closed) {
            invocation.fail(Outcome.CRASHED, "Runtime.Closed", "the function instance was stopped");
            return;
        }
        queued.add(invocation);
    }

    /** Fails whatever is queued or running, e.g. when the JVM exits. */
    void failAll(Outcome outcome, String errorType, String message) {
        failAll(outcome, Json.bytes(Json.object().put("errorMessage", message).put("errorType", errorType)));
    }

    private void failAll(Outcome outcome, byte[] errorJson) {
        PendingInvocation next;
        while ((next = queued.poll()) != null) {
            next.fail(outcome, errorJson);
        }
        inFlight.values().forEach(i -> i.fail(outcome, errorJson));
        inFlight.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals("init/error")) {
                failAll(Outcome.INIT_ERROR, exchange.getRequestBody().readAllBytes());
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.startsWith("invocation/")
                    && (path.endsWith("/response") || path.endsWith("/error"))) {
                complete(exchange, path);
            } else {
                reply(exchange, 404, "{\"errorMessage\":\"unknown runtime API path\",\"errorType\":\"InvalidRequest\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstPollNanos.compareAndSet(0, System.nanoTime());
        PendingInvocation invocation = null;
        try {
            while (invocation == null && !closed) {
                invocation = queued.poll(500, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (invocation == null) {
            reply(exchange, 503, "{\"errorMessage\":\"runtime stopping\",\"errorType\":\"Runtime.Stopping\"}");
            return;
        }
        long deadlineMs = System.currentTimeMillis() + timeout.toMillis();
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadlineMs));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        // the RIC's native client crashes the JVM when this header is missing
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        inFlight.put(invocation.requestId(), invocation);
        exchange.sendResponseHeaders(200, invocation.payload().length == 0 ? -1 : invocation.payload().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(invocation.payload());
        }
        invocation.handedOut(deadlineMs);
    }

    private void complete(HttpExchange exchange, String path) throws IOException {
        String[] parts = path.split("/");
        String requestId = parts[1];
        byte[] body = exchange.getRequestBody().readAllBytes();
        PendingInvocation invocation = inFlight.remove(requestId);
        if (invocation == null) {
            // late answer to an invocation that already timed out, or an unknown id
            reply(exchange, 400, "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
            return;
        }
        if (path.endsWith("/response")) {
            invocation.succeed(body);
        } else {
            invocation.fail(Outcome.FUNCTION_ERROR, body);
        }
        reply(exchange, 202, "{\"status\":\"OK\"}");
    }


    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** An X-Ray trace header in Lambda's shape: Root=1-{epoch hex}-{24 hex};Parent={16 hex};Sampled=0 */
    static String traceId() {
        var random = ThreadLocalRandom.current();
        var hex = HexFormat.of();
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(root);
        random.nextBytes(parent);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + hex.formatHex(root)
                + ";Parent=" + hex.formatHex(parent) + ";Sampled=0";
    }

    @Override
    public void close() {
        closed = true;
        failAll(Outcome.CRASHED, "Runtime.Closed", "the function instance was stopped");
        server.stop(0);
        threads.shutdownNow();
    }
}
