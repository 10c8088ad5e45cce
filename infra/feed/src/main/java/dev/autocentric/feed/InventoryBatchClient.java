package dev.autocentric.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Sends vehicles to {@code POST /v1/dealers/{dealerId}/inventory/batch} as the dealer and answers
 * one result per vehicle.
 *
 * <p>Retries: a request the API answers 429 or 5xx, or does not answer at all, is sent again after
 * a doubling pause (from half a second, at most 30 s, with jitter; a {@code Retry-After} the API
 * sends wins), at most {@code retries} times. Sending again is safe because a batch upsert is
 * idempotent; a request answered 200 is never sent again. A request of several vehicles that
 * failed with a 5xx or no answer is sent again as two halves, and later requests are no larger
 * than a half, since the usual cause is a function running out of time on a large batch. Items
 * the API answers {@code rejected} with only {@code unavailable} errors (it could not store them
 * now) are sent again the same way, on their own. A 413 splits the request in two. Any other
 * answer stops the feed.
 */
final class InventoryBatchClient {

    /** One error the API named for an item. */
    record ItemError(String field, String code, String message) {
    }

    /** The API's answer for one item: {@code stored}, {@code unchanged} or {@code rejected}. */
    record ItemAnswer(String status, List<ItemError> errors) {
    }

    /** The API cannot take this feed now; nothing more should be sent. */
    static final class FeedStoppedException extends Exception {
        FeedStoppedException(String message) {
            super(message);
        }
    }

    /** Waits between attempts; a test passes one that does not sleep. */
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI route;
    private final String credential;
    private final Duration timeout;
    private final int retries;
    private final Pause pause;
    private final Consumer<String> notes;
    /** The most vehicles one request carries; shrinks when a larger request failed. */
    private int largest = Integer.MAX_VALUE;

    InventoryBatchClient(URI api, String dealerId, String credential, Duration timeout, int retries, Pause pause,
                         Consumer<String> notes) {
        String base = api.toString().endsWith("/") ? api.toString() : api + "/";
        this.route = URI.create(base).resolve("v1/dealers/" + URLEncoder.encode(dealerId, StandardCharsets.UTF_8)
                + "/inventory/batch");
        this.credential = credential;
        this.timeout = timeout;
        this.retries = retries;
        this.pause = pause;
        this.notes = notes;
    }

    URI route() {
        return route;
    }

    /** The answers for {@code items}, in their order. */
    List<ItemAnswer> send(List<ObjectNode> items) throws FeedStoppedException, InterruptedException {
        List<ItemAnswer> answers = new ArrayList<>(postInParts(items));
        for (int round = 1; round <= retries; round++) {
            List<Integer> again = new ArrayList<>();
            for (int i = 0; i < answers.size(); i++) {
                if (unavailable(answers.get(i))) {
                    again.add(i);
                }
            }
            if (again.isEmpty()) {
                break;
            }
            Duration wait = backOff(round);
            notes.accept("the API could not store " + again.size() + " vehicle(s) just now; sending them again in "
                    + seconds(wait) + " (retry " + round + " of " + retries + ")");
            pause.sleep(wait);
            List<ItemAnswer> retried = postInParts(again.stream().map(items::get).toList());
            for (int k = 0; k < again.size(); k++) {
                answers.set(again.get(k), retried.get(k));
            }
        }
        return answers;
    }

    private static boolean unavailable(ItemAnswer answer) {
        return "rejected".equals(answer.status()) && !answer.errors().isEmpty()
                && answer.errors().stream().allMatch(e -> "unavailable".equals(e.code()));
    }

    private List<ItemAnswer> postInParts(List<ObjectNode> items) throws FeedStoppedException, InterruptedException {
        List<ItemAnswer> answers = new ArrayList<>(items.size());
        while (answers.size() < items.size()) {
            int from = answers.size();
            answers.addAll(post(items.subList(from, (int) Math.min(items.size(), (long) from + largest)), 1));
        }
        return answers;
    }

    private List<ItemAnswer> post(List<ObjectNode> items, int firstAttempt)
            throws FeedStoppedException, InterruptedException {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.putArray("items").addAll(items);
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new IllegalStateException("a vehicle body could not be written as JSON", e);
        }
        HttpRequest request = HttpRequest.newBuilder(route)
                .timeout(timeout)
                .header("authorization", "Bearer " + credential)
                .header("content-type", "application/json")
                .header("accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        for (int attempt = firstAttempt; ; attempt++) {
            String trouble;
            boolean throttled = false;
            Duration wait = backOff(attempt);
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    return answers(response.body(), items.size());
                }
                if (status == 413) {
                    return tooLarge(items);
                }
                if (status != 429 && status < 500) {
                    throw new FeedStoppedException(refusal(status, response.body()));
                }
                trouble = "the API answered " + status;
                throttled = status == 429;
                wait = retryAfter(response).orElse(wait);
            } catch (IOException e) {
                trouble = "no answer from " + route.getHost() + ":" + route.getPort() + " (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
            }
            if (attempt > retries) {
                throw new FeedStoppedException(trouble + "; gave up after " + attempt + " attempts");
            }
            if (!throttled && items.size() > 1) {
                notes.accept(trouble + " for a request of " + items.size() + " vehicles; sending them again in two"
                        + " requests in " + seconds(wait) + " (retry " + attempt + " of " + retries + ")");
                pause.sleep(wait);
                return inHalves(items, attempt + 1);
            }
            notes.accept(trouble + " for a request of " + items.size() + " vehicle(s); sending it again in "
                    + seconds(wait) + " (retry " + attempt + " of " + retries + ")");
            pause.sleep(wait);
        }
    }

    private List<ItemAnswer> tooLarge(List<ObjectNode> items)
            throws FeedStoppedException, InterruptedException {
        if (items.size() == 1) {
            return List.of(new ItemAnswer("rejected", List.of(new ItemError(null, "too_large",
                    "the vehicle alone is more than the API takes in one request (413)"))));
        }
        notes.accept("the API found a request of " + items.size() + " vehicles too large (413); sending it in halves");
        return inHalves(items, 1);
    }

    /** Sends the items as two requests, and no later request larger than a half. */
    private List<ItemAnswer> inHalves(List<ObjectNode> items, int firstAttempt)
            throws FeedStoppedException, InterruptedException {
        int half = (items.size() + 1) / 2;
        largest = Math.min(largest, half);
        List<ItemAnswer> answers = new ArrayList<>(post(items.subList(0, half), firstAttempt));
        answers.addAll(post(items.subList(half, items.size()), firstAttempt));
        return answers;
    }

    private static List<ItemAnswer> answers(String body, int expected) throws FeedStoppedException {
        JsonNode results;
        try {
            results = JSON.readTree(body).path("results");
        } catch (IOException e) {
            throw new FeedStoppedException("the API's answer is not JSON: " + abbreviate(body));
        }
        Map<Integer, ItemAnswer> byIndex = new TreeMap<>();
        for (JsonNode result : results) {
            List<ItemError> errors = new ArrayList<>();
            for (JsonNode error : result.path("errors")) {
                errors.add(new ItemError(error.path("field").isTextual() ? error.path("field").asText() : null,
                        error.path("code").asText(""), error.path("message").asText("")));
            }
            byIndex.put(result.path("index").asInt(-1), new ItemAnswer(result.path("status").asText(""), errors));
        }
        if (byIndex.size() != expected || !byIndex.containsKey(0) || !byIndex.containsKey(expected - 1)) {
            throw new FeedStoppedException("the API answered " + results.size() + " results for " + expected
                    + " vehicles: " + abbreviate(body));
        }
        return List.copyOf(byIndex.values());
    }

    private static String refusal(int status, String body) {
        String detail;
        try {
            JsonNode problem = JSON.readTree(body);
            detail = problem.path("detail").asText(problem.path("title").asText(abbreviate(body)));
            List<String> fields = new ArrayList<>();
            for (JsonNode error : problem.path("errors")) {
                fields.add(error.path("field").asText("body") + ": " + error.path("message").asText());
            }
            if (!fields.isEmpty()) {
                detail += " (" + String.join("; ", fields) + ")";
            }
        } catch (IOException e) {
            detail = abbreviate(body);
        }
        String hint = switch (status) {
            case 401 -> "; check the credential file or AUTOCENTRIC_DEALER_CREDENTIAL";
            case 403 -> "; the credential belongs to another dealer than --dealer";
            case 404 -> "; check --api and --dealer";
            default -> "";
        };
        return "the API refused the request (" + status + "): " + detail + hint;
    }

    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("retry-after").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.trim());
                Duration wait = Duration.ofSeconds(Math.max(0, seconds));
                return Optional.of(wait.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : wait);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static Duration backOff(int attempt) {
        long millis = FIRST_PAUSE.toMillis() << Math.min(attempt - 1, 10);
        millis = Math.min(millis, LONGEST_PAUSE.toMillis());
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }
}
