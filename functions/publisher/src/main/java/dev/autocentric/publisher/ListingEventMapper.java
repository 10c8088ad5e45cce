package dev.autocentric.publisher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Listings stream record to one {@code autocentric.listings} event. "Public" means listed by its
 * dealer and AVAILABLE or RESERVED (what buyers can see). The first rule that applies wins:
 * <ol>
 *   <li>nothing in {@link #TRACKED} differs between old and new image: no event;</li>
 *   <li>status becomes SOLD: {@code ListingSold};</li>
 *   <li>status becomes RESERVED: {@code ListingReserved};</li>
 *   <li>status goes RESERVED to AVAILABLE: {@code ListingReleased};</li>
 *   <li>not public before, public after (new listing, listed flag set, re-listed after a
 *       withdrawal): {@code ListingPublished};</li>
 *   <li>public before, not after (listed flag cleared, status WITHDRAWN, item deleted):
 *       {@code ListingWithdrawn};</li>
 *   <li>{@code ePriceCents} of an existing vehicle changed: {@code ListingPriceChanged} (with
 *       {@code previousEPriceCents});</li>
 *   <li>anything else tracked changed (also on unlisted stock): {@code ListingUpdated}.</li>
 * </ol>
 * {@code changed} names every tracked attribute that differs; bookkeeping ({@code version},
 * timestamps) and denormalised copies are not tracked, so a write that only bumps the version
 * yields nothing. {@code eventId} is a name-based UUID of the stream record's eventID, so a
 * redelivered record yields the same id.
 */
public final class ListingEventMapper implements StreamEventMapper {

    public static final String SOURCE = "autocentric.listings";

    /** The attributes whose change is a change of the listing (vehicle facts, owner, status). */
    static final List<String> TRACKED = List.of("vin", "dealerId", "status", "listed", "ePriceCents",
            "msrpCents", "stockNumber", "condition", "year", "make", "model", "trim", "bodyStyle", "fuel",
            "drivetrain", "transmission", "exteriorColor", "interiorColor", "mileage", "photos", "options");

    /** What {@code data} carries: the listing as buyers and dealers know it, without photo lists. */
    static final List<String> DATA = List.of("vin", "dealerId", "status", "listed", "ePriceCents",
            "msrpCents", "stockNumber", "condition", "year", "make", "model", "trim", "bodyStyle", "fuel",
            "drivetrain", "transmission", "exteriorColor", "interiorColor", "mileage", "version",
            "dealerZip");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public Optional<DomainEvent> map(StreamRecord record) {
        ObjectNode oldImage = record.oldImage();
        ObjectNode newImage = record.newImage();
        List<String> changed = new ArrayList<>();
        for (String name : TRACKED) {
            if (!Objects.equals(StreamRecord.attribute(oldImage, name), StreamRecord.attribute(newImage, name))) {
                changed.add(name);
            }
        }
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        String oldStatus = StreamRecord.text(oldImage, "status");
        String newStatus = StreamRecord.text(newImage, "status");
        boolean wasPublic = isPublic(oldImage);
        boolean isPublic = isPublic(newImage);
        String type;
        if ("SOLD".equals(newStatus) && !"SOLD".equals(oldStatus)) {
            type = "ListingSold";
        } else if ("RESERVED".equals(newStatus) && !"RESERVED".equals(oldStatus)) {
            type = "ListingReserved";
        } else if ("RESERVED".equals(oldStatus) && "AVAILABLE".equals(newStatus)) {
            type = "ListingReleased";
        } else if (!wasPublic && isPublic) {
            type = "ListingPublished";
        } else if (wasPublic && !isPublic) {
            type = "ListingWithdrawn";
        } else if (changed.contains("ePriceCents") && oldImage != null && newImage != null) {
            type = "ListingPriceChanged";
        } else {
            type = "ListingUpdated";
        }

        ObjectNode image = newImage != null ? newImage : oldImage;
        ObjectNode data = NODES.objectNode();
        for (String name : DATA) {
            JsonNode value = StreamRecord.attribute(image, name);
            if (value != null) {
                data.set(name, value);
            }
        }
        if (newImage == null) {
            data.put("status", "WITHDRAWN");
            data.put("listed", false);
        }
        if ("ListingPriceChanged".equals(type)) {
            JsonNode previous = StreamRecord.attribute(oldImage, "ePriceCents");
            if (previous != null) {
                data.set("previousEPriceCents", previous);
            }
        }
        return Optional.of(EventEnvelope.event(SOURCE, type, record, data, changed));
    }

    static boolean isPublic(ObjectNode image) {
        if (image == null) {
            return false;
        }
        JsonNode listed = StreamRecord.attribute(image, "listed");
        String status = StreamRecord.text(image, "status");
        return listed != null && listed.asBoolean() && ("AVAILABLE".equals(status) || "RESERVED".equals(status));
    }
}
