package dev.autocentric.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocentric.shared.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

/**
 * POSTs one order event to one dealer's webhook, signed. The JSON body is
 * {@code {type, source, eventId, occurredAt, schemaVersion, data, changed}}; an OrderPlaced to an
 * {@code adf} webhook is the ADF lead instead. Headers: {@code AutoCentric-Signature},
 * {@code AutoCentric-Event-Id} (receivers drop duplicates on it: a retried delivery repeats it)
 * and {@code AutoCentric-Event-Type}. Anything but a 2xx answer within the timeout is a failure.
 */
public final class WebhookDelivery {
    private final HttpClient http;
    private final Clock clock;
    private final Duration timeout;

    public WebhookDelivery(HttpClient http, Clock clock, Duration timeout) {
        this.http = http;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** The request body and its content type for one event and webhook. */
    public record Body(String contentType, String text) {
    }

    public static Body body(JsonNode event, Webhook webhook, Recipient recipient) {
        String type = event.path("detail-type").asText();
        JsonNode detail = event.path("detail");
        if (webhook.format() == Webhook.Format.ADF && type.equals("OrderPlaced")) {
            return new Body("application/xml; charset=utf-8", AdfLead.of(detail, webhook));
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", type);
        body.put("source", event.path("source").asText());
        body.setAll((ObjectNode) detail.deepCopy());
        if (recipient != Recipient.SELLING_DEALER && body.path("data").isObject()) {
            ((ObjectNode) body.path("data")).remove("buyer"); // the buyer's contact is for the seller only
        }
        return new Body("application/json", Json.write(body));
    }

    /** Delivers; answers the HTTP status, or throws when the receiver did not answer in time. */
    public int post(Webhook webhook, String eventId, String type, Body body) throws IOException, InterruptedException {
        long t = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhook.url()))
                .timeout(timeout)
                .header("Content-Type", body.contentType())
                .header(WebhookSignature.HEADER, WebhookSignature.header(webhook.secret(), t, body.text()))
                .header("AutoCentric-Event-Id", eventId)
                .header("AutoCentric-Event-Type", type)
                .header("User-Agent", "AutoCentric-Webhooks/1")
                .POST(HttpRequest.BodyPublishers.ofString(body.text()))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
