package dev.autocentric.search;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
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
 * Headers and bodies are never logged, so no credentials or buyer data reach the logs.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("access");
    private static final String STARTED = AccessLog.class.getName() + ".started";

    @RequestFilter
    void start(HttpRequest<?> request) {
        request.setAttribute(STARTED, System.nanoTime());
        MDC.put("function", "search");
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
