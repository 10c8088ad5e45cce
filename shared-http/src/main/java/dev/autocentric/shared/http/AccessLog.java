package dev.autocentric.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.servlet.http.ServletHttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One JSON log line per request: requestId (API Gateway's), method, path, status and duration.
 * Headers and bodies are never logged, so no credentials or buyer data reach the logs. The MDC
 * entry {@code function} is the function's {@code micronaut.application.name} without its
 * {@code -function} suffix ({@code search-function} logs as {@code search}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("access");
    private static final String STARTED = AccessLog.class.getName() + ".started";
    private static final String SUFFIX = "-function";

    private final String function;

    public AccessLog(@Value("${micronaut.application.name}") String applicationName) {
        this.function = functionName(applicationName);
    }

    /** The name a function logs under: its application name without the {@code -function} suffix. */
    public static String functionName(String applicationName) {
        return applicationName.endsWith(SUFFIX)
                ? applicationName.substring(0, applicationName.length() - SUFFIX.length())
                : applicationName;
    }

    @RequestFilter
    void start(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
        MDC.put("function", function);
        MDC.put("requestId", requestId(request));
    }

    @ResponseFilter
    void finish(HttpRequest<?> request, MutableHttpResponse<?> response) {
        long started = request.getAttribute(STARTED, Long.class).orElse(System.nanoTime());
        LOG.atInfo()
                .addKeyValue("method", request.getMethodName())
                .addKeyValue("path", request.getPath())
                .addKeyValue("status", response.code())
                .addKeyValue("durationMs", (System.nanoTime() - started) / 1_000_000.0)
                .log("request done");
        MDC.clear();
    }

    private static String requestId(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event
                && event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return "-";
    }
}
