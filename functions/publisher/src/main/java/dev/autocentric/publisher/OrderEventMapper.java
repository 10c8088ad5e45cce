package dev.autocentric.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Orders stream record to one {@code autocentric.orders} event, by the order's status:
 * <ul>
 *   <li>a new order (INSERT) that is PLACED: {@code OrderPlaced};</li>
 *   <li>a change (MODIFY) whose status differs from the old image's: the event of the new status
 *       ({@code OrderConfirmed}, {@code OrderRejected}, {@code OrderCancelled}, {@code OrderExpired},
 *       {@code OrderShipped}, {@code OrderReadyForPickup}, {@code OrderDelivered}), with
 *       {@code data.previousStatus};</li>
 *   <li>anything else (no status change, a deletion): no event.</li>
 * </ul>
 * {@code data} is the order as its dealers need it: ids, status, price, the vehicle (with its
 * quoted e-price, the EPRICE line), the buyer's contact (the notifier passes it to the selling
 * dealer only), placement and hold times, and the version. {@code changed} names the data fields
 * that differ between old and new image (all of them for a new order); {@code version}, which
 * every write bumps, is bookkeeping and not named, as on the listing side.
 */
public final class OrderEventMapper implements StreamEventMapper {

    public static final String SOURCE = "autocentric.orders";

    /** The detail-type of each status an order can move to (PLACED only by being inserted). */
    static final Map<String, String> TYPES = Map.of(
            "PLACED", "OrderPlaced",
            "CONFIRMED", "OrderConfirmed",
            "REJECTED", "OrderRejected",
            "CANCELLED", "OrderCancelled",
            "EXPIRED", "OrderExpired",
            "SHIPPED", "OrderShipped",
            "READY_FOR_PICKUP", "OrderReadyForPickup",
            "DELIVERED", "OrderDelivered");

    /** The order in which {@code data} and {@code changed} list the fields. */
    static final List<String> DATA = List.of("orderId", "vin", "status", "sellingDealerId", "deliveryDealerId",
            "totalCents", "vehicle", "buyer", "placedAt", "holdExpiresAt", "version");

    private static final List<String> VEHICLE = List.of("year", "make", "model", "trim", "stockNumber");
    private static final List<String> BUYER = List.of("name", "email", "phone", "zip");
    private static final String PLACED = "PLACED";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public Optional<DomainEvent> map(StreamRecord record) {
        ObjectNode oldImage = record.oldImage();
        ObjectNode newImage = record.newImage();
        if (newImage == null) {
            return Optional.empty();
        }
        String oldStatus = StreamRecord.text(oldImage, "status");
        String newStatus = StreamRecord.text(newImage, "status");
        boolean placed = oldImage == null && PLACED.equals(newStatus);
        boolean moved = oldImage != null && newStatus != null && !newStatus.equals(oldStatus)
                && !PLACED.equals(newStatus);
        String type = newStatus == null ? null : TYPES.get(newStatus);
        if (type == null || !(placed || moved)) {
            return Optional.empty();
        }
        ObjectNode data = data(newImage);
        ObjectNode before = oldImage == null ? NODES.objectNode() : data(oldImage);
        List<String> changed = new ArrayList<>();
        for (String name : DATA) {
            if (!name.equals("version") && !Objects.equals(before.get(name), data.get(name))) {
                changed.add(name);
            }
        }
        if (moved) {
            data.put("previousStatus", oldStatus);
        }
        return Optional.of(EventEnvelope.event(SOURCE, type, record, data, changed));
    }

    /** The event data of one Orders image. */
    static ObjectNode data(ObjectNode image) {
        ObjectNode data = NODES.objectNode();
        for (String name : DATA) {
            JsonNode value = switch (name) {
                case "vehicle" -> vehicle(image);
                case "buyer" -> {
                    JsonNode buyer = StreamRecord.attribute(image, "buyer");
                    yield buyer == null ? null : pick(buyer, BUYER);
                }
                default -> StreamRecord.attribute(image, name);
            };
            if (value != null) {
                data.set(name, value);
            }
        }
        return data;
    }

    /** The vehicle's identity and its quoted e-price (the amount of the order's EPRICE line). */
    private static ObjectNode vehicle(ObjectNode image) {
        ObjectNode vehicle = pick(StreamRecord.attribute(image, "vehicle"), VEHICLE);
        JsonNode lines = StreamRecord.attribute(image, "lines");
        if (lines != null) {
            for (JsonNode line : lines) {
                if ("EPRICE".equals(line.path("code").asText()) && line.path("amountCents").isIntegralNumber()) {
                    vehicle.set("ePriceCents", line.get("amountCents"));
                    break;
                }
            }
        }
        return vehicle;
    }

    /** The named fields of a stored map, in that order (absent ones left out). */
    private static ObjectNode pick(JsonNode stored, List<String> names) {
        ObjectNode picked = NODES.objectNode();
        if (stored != null) {
            for (String name : names) {
                JsonNode value = stored.get(name);
                if (value != null && !value.isNull()) {
                    picked.set(name, value);
                }
            }
        }
        return picked;
    }
}
