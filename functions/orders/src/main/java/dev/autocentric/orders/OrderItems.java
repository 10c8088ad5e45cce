package dev.autocentric.orders;

import dev.autocentric.shared.pricing.QuoteLine;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Orders item, mapped by hand (no reflection at run time). Nested parts are DynamoDB maps and
 * lists, so stream images read plainly. Index keys are derived here on every write:
 * <ul>
 *   <li>{@code statusKey} = status # placedAt # orderId: the sort key of {@code bySeller}
 *       (partition {@code sellingDealerId}) and {@code byDelivery} ({@code deliveryDealerId}), so
 *       a dealer's orders of one status are one key range, oldest first;</li>
 *   <li>{@code pendingPartition} + {@code holdExpiresKey} = holdExpiresAt # orderId: the sparse
 *       {@code pendingByExpiry} index, present only while the order is PLACED, so the sweeper
 *       reads exactly the holds that are due.</li>
 * </ul>
 * Times are stored fixed-width ({@code 2026-11-26T13:00:00.000Z}) so that they sort as text.
 */
public final class OrderItems {

    public static final String BY_SELLER = "bySeller";
    public static final String BY_DELIVERY = "byDelivery";
    public static final String PENDING_BY_EXPIRY = "pendingByExpiry";
    public static final String PENDING = "PENDING";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private OrderItems() {
    }

    public static String time(Instant instant) {
        return TIME.format(instant);
    }

    public static String statusKey(OrderStatus status, Instant placedAt, String orderId) {
        return status.name() + "#" + time(placedAt) + "#" + orderId;
    }

    public static Map<String, AttributeValue> toItem(Order o) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("orderId", s(o.orderId()));
        item.put("status", s(o.status().name()));
        item.put("version", n(o.version()));
        item.put("vin", s(o.vin()));
        Order.Vehicle v = o.vehicle();
        Map<String, AttributeValue> vehicle = new HashMap<>();
        vehicle.put("year", n(v.year()));
        putIfPresent(vehicle, "make", v.make());
        putIfPresent(vehicle, "model", v.model());
        putIfPresent(vehicle, "trim", v.trim());
        putIfPresent(vehicle, "condition", v.condition());
        putIfPresent(vehicle, "stockNumber", v.stockNumber());
        putIfPresent(vehicle, "exteriorColor", v.exteriorColor());
        vehicle.put("mileage", n(v.mileage()));
        item.put("vehicle", AttributeValue.fromM(vehicle));
        item.put("sellingDealerId", s(o.sellingDealer().dealerId()));
        item.put("sellingDealer", party(o.sellingDealer()));
        item.put("deliveryDealerId", s(o.deliveryDealer().dealerId()));
        item.put("deliveryDealer", party(o.deliveryDealer()));
        Order.Buyer b = o.buyer();
        item.put("buyer", AttributeValue.fromM(Map.of("name", s(b.name()), "email", s(b.email()),
                "phone", s(b.phone()), "zip", s(b.zip()))));
        List<AttributeValue> lines = new ArrayList<>();
        for (QuoteLine line : o.lines()) {
            lines.add(AttributeValue.fromM(Map.of("code", s(line.code()), "label", s(line.label()),
                    "amountCents", n(line.amountCents()))));
        }
        item.put("lines", AttributeValue.fromL(lines));
        item.put("totalCents", n(o.totalCents()));
        item.put("placedAt", s(time(o.placedAt())));
        item.put("holdExpiresAt", s(time(o.holdExpiresAt())));
        item.put("updatedAt", s(time(o.updatedAt())));
        item.put("listingVersion", n(o.listingVersion()));
        List<AttributeValue> history = new ArrayList<>();
        for (Order.Change c : o.history()) {
            history.add(AttributeValue.fromM(Map.of("status", s(c.status().name()), "at", s(time(c.at())),
                    "by", s(c.by().name()))));
        }
        item.put("history", AttributeValue.fromL(history));
        item.put("statusKey", s(statusKey(o.status(), o.placedAt(), o.orderId())));
        if (o.status() == OrderStatus.PLACED) {
            item.put("pendingPartition", s(PENDING));
            item.put("holdExpiresKey", s(time(o.holdExpiresAt()) + "#" + o.orderId()));
        }
        return item;
    }

    public static Order fromItem(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> v = item.get("vehicle").m();
        Order.Vehicle vehicle = new Order.Vehicle(num(v.get("year")), str(v.get("make")), str(v.get("model")),
                str(v.get("trim")), str(v.get("condition")), str(v.get("stockNumber")), str(v.get("exteriorColor")),
                num(v.get("mileage")));
        Map<String, AttributeValue> b = item.get("buyer").m();
        Order.Buyer buyer = new Order.Buyer(str(b.get("name")), str(b.get("email")), str(b.get("phone")),
                str(b.get("zip")));
        List<QuoteLine> lines = new ArrayList<>();
        for (AttributeValue line : item.get("lines").l()) {
            Map<String, AttributeValue> m = line.m();
            lines.add(new QuoteLine(str(m.get("code")), str(m.get("label")), Long.parseLong(m.get("amountCents").n())));
        }
        List<Order.Change> history = new ArrayList<>();
        for (AttributeValue change : item.get("history").l()) {
            Map<String, AttributeValue> m = change.m();
            history.add(new Order.Change(OrderStatus.valueOf(str(m.get("status"))), Instant.parse(str(m.get("at"))),
                    Actor.valueOf(str(m.get("by")))));
        }
        return new Order(str(item.get("orderId")), OrderStatus.valueOf(str(item.get("status"))),
                Long.parseLong(item.get("version").n()), str(item.get("vin")), vehicle,
                party(item.get("sellingDealer")), party(item.get("deliveryDealer")), buyer, lines,
                Long.parseLong(item.get("totalCents").n()), Instant.parse(str(item.get("placedAt"))),
                Instant.parse(str(item.get("holdExpiresAt"))), Instant.parse(str(item.get("updatedAt"))),
                Long.parseLong(item.get("listingVersion").n()), history);
    }

    private static AttributeValue party(Order.Party p) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("dealerId", s(p.dealerId()));
        putIfPresent(m, "name", p.name());
        putIfPresent(m, "city", p.city());
        putIfPresent(m, "zip", p.zip());
        return AttributeValue.fromM(m);
    }

    private static Order.Party party(AttributeValue value) {
        Map<String, AttributeValue> m = value.m();
        return new Order.Party(str(m.get("dealerId")), str(m.get("name")), str(m.get("city")), str(m.get("zip")));
    }

    private static void putIfPresent(Map<String, AttributeValue> m, String name, String value) {
        if (value != null) {
            m.put(name, s(value));
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static String str(AttributeValue value) {
        return value == null ? null : value.s();
    }

    private static int num(AttributeValue value) {
        return value == null ? 0 : Integer.parseInt(value.n());
    }
}
