package dev.autocentric.listing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.shared.dealer.Dealer;
import dev.autocentric.shared.dynamo.ListingRepository;
import dev.autocentric.shared.dynamo.Transient;
import dev.autocentric.shared.listing.Listing;
import dev.autocentric.shared.listing.ListingStatus;
import dev.autocentric.shared.listing.Vehicle;
import dev.autocentric.shared.listing.VehicleValidator;
import dev.autocentric.shared.paging.Page;
import dev.autocentric.shared.paging.PageCursor;
import dev.autocentric.shared.problem.FieldError;
import dev.autocentric.shared.problem.Problem;
import dev.autocentric.shared.problem.ProblemException;
import dev.autocentric.shared.vin.Vin;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A dealer's inventory: upsert one, upsert a batch, withdraw, list own stock, and the public
 * view of one listing. Plain Java over {@link ListingRepository}; the HTTP edge only parses
 * and authorises.
 */
public final class InventoryService {

    public static final int MAX_BATCH_ITEMS = 500;
    public static final int WRITE_CHUNK = 25;
    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 100;
    /** Rounds of read-decide-write when a conditional write loses a race. */
    private static final int RACE_ROUNDS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(InventoryService.class);

    private final ListingRepository listings;
    private final VehicleValidator validator;
    private final PageCursor cursors;
    private final Clock clock;

    public InventoryService(ListingRepository listings, VehicleValidator validator, PageCursor cursors, Clock clock) {
        this.listings = listings;
        this.validator = validator;
        this.cursors = cursors;
        this.clock = clock;
    }

    /** The listing after an upsert, and whether it was created, changed or left as it was. */
    public record Upserted(Listing listing, Outcome outcome) {
    }

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    /** One line of a batch answer. */
    public record ItemResult(int index, String vin, String status, Long version, List<FieldError> errors) {
    }

    public record BatchResult(List<ItemResult> results) {
    }

    /** Upserts one vehicle; refusals are thrown as problems (400, 409, 412). */
    public Upserted upsert(Dealer dealer, String pathVin, JsonNode body, Long ifMatch) {
        VehicleValidator.Result result = validator.validate(body, pathVin);
        if (!result.valid()) {
            throw Problem.validation(result.errors()).toException();
        }
        Vehicle vehicle = result.vehicle();
        Listing current = listings.get(vehicle.vin()).orElse(null);
        for (int round = 1; ; round++) {
            UpsertDecision decision = UpsertDecision.decide(dealer, vehicle, current, ifMatch, clock.instant());
            try {
                return apply(decision);
            } catch (ConditionalCheckFailedException race) {
                if (ifMatch != null) {
                    throw Problem.preconditionFailed("the vehicle changed while this request ran").toException();
                }
                if (round >= RACE_ROUNDS) {
                    throw Problem.conflict("the vehicle keeps changing; try again").toException();
                }
                current = listings.get(vehicle.vin()).orElse(null);
            }
        }
    }

    private Upserted apply(UpsertDecision decision) {
        return switch (decision) {
            case UpsertDecision.Create c -> {
                Transient.retry(Transient.DEFAULT_ATTEMPTS, () -> {
                    listings.create(c.listing());
                    return null;
                });
                yield new Upserted(c.listing(), Outcome.CREATED);
            }
            case UpsertDecision.Replace r -> {
                Transient.retry(Transient.DEFAULT_ATTEMPTS, () -> {
                    listings.replace(r.listing(), r.expected());
                    return null;
                });
                yield new Upserted(r.listing(), Outcome.UPDATED);
            }
            case UpsertDecision.Unchanged u -> new Upserted(u.listing(), Outcome.UNCHANGED);
            case UpsertDecision.Refuse f -> throw f.problem().toException();
        };
    }

    /**
     * Upserts up to 500 vehicles. The envelope must be {@code {"items": [...]}} (else 400, nothing
     * written); each item is then validated, decided and written on its own: invalid or refused
     * items are {@code rejected} with their errors, the others {@code stored} or {@code unchanged}.
     * Current state is read with BatchGetItem; writes are conditional PutItems (BatchWriteItem
     * cannot carry conditions) sent 25 at a time in parallel on virtual threads, retried on
     * throttling, and an item that still fails is reported, never dropped.
     */
    public BatchResult batch(Dealer dealer, JsonNode body) {
        JsonNode items = batchItems(body);
        ItemResult[] results = new ItemResult[items.size()];
        Map<Integer, Vehicle> valid = new HashMap<>();
        Map<String, Integer> firstIndexOfVin = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            VehicleValidator.Result r = validator.validate(items.get(i), null);
            if (!r.valid()) {
                results[i] = rejected(i, rawVin(items.get(i)), r.errors());
                continue;
            }
            Integer earlier = firstIndexOfVin.putIfAbsent(r.vehicle().vin(), i);
            if (earlier != null) {
                results[i] = rejected(i, r.vehicle().vin(), List.of(new FieldError("vin", "duplicate",
                        "the same VIN is at index " + earlier + " of this batch")));
                continue;
            }
            valid.put(i, r.vehicle());
        }
        Map<String, Listing> current = valid.isEmpty() ? Map.of()
                : listings.getAll(valid.values().stream().map(Vehicle::vin).toList());
        List<Integer> toWrite = new ArrayList<>(valid.keySet());
        toWrite.sort(Integer::compare);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int from = 0; from < toWrite.size(); from += WRITE_CHUNK) {
                List<Future<ItemResult>> chunk = new ArrayList<>();
                for (int index : toWrite.subList(from, Math.min(toWrite.size(), from + WRITE_CHUNK))) {
                    Vehicle vehicle = valid.get(index);
                    Listing before = current.get(vehicle.vin());
                    chunk.add(threads.submit(() -> upsertItem(dealer, index, vehicle, before)));
                }
                for (Future<ItemResult> f : chunk) {
                    ItemResult r = f.get();
                    results[r.index()] = r;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during batch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("batch item failed unexpectedly", e.getCause());
        }
        return new BatchResult(List.of(results));
    }

    private ItemResult upsertItem(Dealer dealer, int index, Vehicle vehicle, Listing before) {
        Listing current = before;
        for (int round = 1; ; round++) {
            UpsertDecision decision = UpsertDecision.decide(dealer, vehicle, current, null, clock.instant());
            try {
                Upserted done = apply(decision);
                return new ItemResult(index, vehicle.vin(),
                        done.outcome() == Outcome.UNCHANGED ? "unchanged" : "stored", done.listing().version(), List.of());
            } catch (ProblemException refused) {
                List<FieldError> errors = refused.problem().errors().isEmpty()
                        ? List.of(new FieldError("vin", "conflict", refused.problem().detail()))
                        : refused.problem().errors();
                return rejected(index, vehicle.vin(), errors);
            } catch (ConditionalCheckFailedException race) {
                if (round >= RACE_ROUNDS) {
                    return rejected(index, vehicle.vin(), List.of(new FieldError("vin", "conflict",
                            "the vehicle kept changing while the batch ran; resend this item")));
                }
                current = listings.get(vehicle.vin()).orElse(null);
            } catch (RuntimeException e) {
                // throttling or an outage outlasted the retries: report the item so the feed can resend it
                LOG.warn("batch item {} not stored: {}", index, e.toString());
                return rejected(index, vehicle.vin(), List.of(new FieldError(null, "unavailable",
                        "the vehicle could not be stored now; resend this item")));
            }
        }
    }

    private static JsonNode batchItems(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw Problem.validation(List.of(new FieldError(null, "type", "the body must be {\"items\": [...]}")))
                    .toException();
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals("items")) {
                errors.add(new FieldError(name, "unknown_field", "unknown field"));
            }
        }
        JsonNode items = body.get("items");
        if (items == null || items.isNull()) {
            errors.add(new FieldError("items", "required", "items is required"));
        } else if (!items.isArray()) {
            errors.add(new FieldError("items", "type", "items must be an array"));
        } else if (items.isEmpty() || items.size() > MAX_BATCH_ITEMS) {
            errors.add(new FieldError("items", "length", "items must hold 1 to " + MAX_BATCH_ITEMS + " vehicles"));
        }
        if (!errors.isEmpty()) {
            throw Problem.validation(errors).toException();
        }
        return items;
    }

    private static String rawVin(JsonNode item) {
        JsonNode vin = item == null ? null : item.get("vin");
        return vin != null && vin.isTextual() ? vin.asText().toUpperCase(Locale.ROOT) : null;
    }

    private static ItemResult rejected(int index, String vin, List<FieldError> errors) {
        return new ItemResult(index, vin, "rejected", null, errors);
    }

    /**
     * Withdraws a vehicle: AVAILABLE becomes WITHDRAWN; WITHDRAWN stays (idempotent); RESERVED
     * or SOLD is 409; a VIN not in this dealer's stock is 404.
     */
    public Listing withdraw(Dealer dealer, String pathVin, Long ifMatch) {
        String vin = pathVin(pathVin);
        for (int round = 1; ; round++) {
            Listing current = listings.get(vin)
                    .filter(l -> l.dealerId().equals(dealer.dealerId()))
                    .orElseThrow(() -> Problem.notFound("no vehicle " + vin + " in this dealer's stock").toException());
            if (ifMatch != null && ifMatch != UpsertDecision.ANY_VERSION && ifMatch != current.version()) {
                throw Problem.preconditionFailed("If-Match names version " + ifMatch
                        + ", the current version is " + current.version()).toException();
            }
            switch (current.status()) {
                case WITHDRAWN -> {
                    return current;
                }
                case RESERVED, SOLD -> throw new Problem(Problem.TYPE_BASE + "vehicle-in-order", "Conflict", 409,
                        "the vehicle is " + current.status() + "; an order owns it until the order ends",
                        List.of(new FieldError("status", "status", "vehicle is " + current.status()))).toException();
                default -> {
                }
            }
            Listing next = current.withChange(current.vehicle(), ListingStatus.WITHDRAWN, clock.instant(),
                    current.dealerName(), current.dealerCity(), current.dealerZip(), current.dealerLat(),
                    current.dealerLon());
            try {
                Transient.retry(Transient.DEFAULT_ATTEMPTS, () -> {
                    listings.replace(next, current);
                    return null;
                });
                return next;
            } catch (ConditionalCheckFailedException race) {
                if (ifMatch != null) {
                    throw Problem.preconditionFailed("the vehicle changed while this request ran").toException();
                }
                if (round >= RACE_ROUNDS) {
                    throw Problem.conflict("the vehicle keeps changing; try again").toException();
                }
            }
        }
    }

    /** A page of the dealer's own stock, listed or not, in VIN order. */
    public Page<Listing> ownStock(Dealer dealer, String limitParam, String cursorParam) {
        List<FieldError> errors = new ArrayList<>();
        int limit = DEFAULT_PAGE;
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam.trim());
                if (limit < 1 || limit > MAX_PAGE) {
                    errors.add(new FieldError("limit", "range", "limit must be between 1 and " + MAX_PAGE));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("limit", "type", "limit must be an integer"));
            }
        }
        String after = null;
        if (cursorParam != null) {
            after = cursors.decode(dealer.dealerId(), cursorParam).orElse(null);
            if (after == null) {
                errors.add(new FieldError("cursor", "format", "cursor is not one this API issued for this list"));
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.validation(errors).toException();
        }
        ListingRepository.DealerSlice slice = listings.byDealer(dealer.dealerId(), after, limit);
        String next = slice.more() ? cursors.encode(dealer.dealerId(), slice.items().getLast().vin()) : null;
        return new Page<>(slice.items(), next);
    }

    /** A listing as buyers see it: only listed vehicles that are AVAILABLE or RESERVED. */
    public Listing publicListing(String pathVin) {
        String vin = pathVin(pathVin);
        return listings.get(vin).filter(Listing::isPublic)
                .orElseThrow(() -> Problem.notFound("no listed vehicle " + vin).toException());
    }

    private static String pathVin(String raw) {
        Optional<String> problem = Vin.problem(raw);
        if (problem.isPresent()) {
            throw Problem.validation(List.of(new FieldError("vin", "vin", problem.get()))).toException();
        }
        return raw.toUpperCase(Locale.ROOT);
    }
}
