package dev.autocentric.listing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.shared.dealer.Dealer;
import dev.autocentric.shared.http.DynamoDbClientHolder;
import dev.autocentric.shared.problem.FieldError;
import dev.autocentric.shared.problem.Problem;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A dealer's webhook: {@code {url, format: json|adf}}. The URL must be https and must not resolve
 * to a private, loopback, link-local, unique-local, carrier-grade-NAT, multicast or unspecified
 * address (SSRF), unless LOCAL_MODE=true. Each registration generates a new signing secret,
 * answered once. It is stored with the URL in the dealer's Dealers item ({@code webhookUrl},
 * {@code webhookFormat}, {@code webhookSecret}; the table is encrypted at rest and only the
 * listing function writes and the notifier reads it), because the notifier needs the secret
 * itself to compute HMACs.
 */
@Singleton
public class WebhookRegistrations {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a registration answers; the secret is never shown again. */
    public record Registered(String dealerId, String url, String format, String secret, String signature) {
    }

    private final DynamoDbClientHolder dynamo;
    private final String dealersTable;
    private final boolean localMode;
    private final Clock clock;

    public WebhookRegistrations(DynamoDbClientHolder dynamo, ListingSettings settings,
                                @Value("${local.mode:false}") boolean localMode, Clock clock) {
        this.dynamo = dynamo;
        this.dealersTable = settings.dealersTable();
        this.localMode = localMode;
        this.clock = clock;
    }

    public Registered register(Dealer dealer, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (!body.isObject()) {
            throw Problem.validation(List.of(new FieldError("", "type", "must be a JSON object"))).toException();
        }
        JsonNode urlNode = body.path("url");
        JsonNode formatNode = body.path("format");
        String format = formatNode.isMissingNode() ? "json" : formatNode.isTextual() ? formatNode.asText() : "";
        if (!format.equals("json") && !format.equals("adf")) {
            errors.add(new FieldError("format", "enum", "must be \"json\" or \"adf\""));
        }
        String url = urlNode.isTextual() ? urlNode.asText() : null;
        if (url == null) {
            errors.add(new FieldError("url", "required", "an https URL is required"));
        } else {
            checkUrl(url, localMode).ifPresent(errors::add);
        }
        if (!errors.isEmpty()) {
            throw Problem.validation(errors).toException();
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        dynamo.client().updateItem(u -> u.tableName(dealersTable)
                .key(Map.of("dealerId", AttributeValue.fromS(dealer.dealerId())))
                .updateExpression("SET webhookUrl = :u, webhookFormat = :f, webhookSecret = :s, webhookUpdatedAt = :t")
                .conditionExpression("attribute_exists(dealerId)")
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(url), ":f", AttributeValue.fromS(format),
                        ":s", AttributeValue.fromS(secret), ":t", AttributeValue.fromS(clock.instant().toString()))));
        return new Registered(dealer.dealerId(), url, format, secret,
                "AutoCentric-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, \"<t>.<raw body>\")>");
    }

    /** Why a webhook URL is refused, if it is. */
    static java.util.Optional<FieldError> checkUrl(String url, boolean localMode) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return java.util.Optional.of(new FieldError("url", "format", "not a URL"));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (uri.getHost() == null || uri.getRawUserInfo() != null || url.length() > 2048
                || !(scheme.equals("https") || scheme.equals("http"))) {
            return java.util.Optional.of(new FieldError("url", "format", "must be an absolute https URL without credentials"));
        }
        if (localMode) {
            return java.util.Optional.empty();
        }
        if (!scheme.equals("https")) {
            return java.util.Optional.of(new FieldError("url", "https", "must use https"));
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (!isPublic(address)) {
                    return java.util.Optional.of(new FieldError("url", "address",
                            "must not point at a private, loopback or link-local address"));
                }
            }
        } catch (UnknownHostException e) {
            return java.util.Optional.of(new FieldError("url", "host", "host does not resolve"));
        }
        return java.util.Optional.empty();
    }

    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return !(first == 0 || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 198 && (second == 18 || second == 19)) || first >= 240);
        }
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc; // fc00::/7 unique-local
        }
        return true;
    }
}
