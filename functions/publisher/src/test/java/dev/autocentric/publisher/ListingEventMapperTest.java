package dev.autocentric.publisher;

import static dev.autocentric.publisher.EventSchemas.changed;
import static dev.autocentric.publisher.Records.listing;
import static dev.autocentric.publisher.Records.record;
import static dev.autocentric.publisher.Records.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Old and new image to exactly one listing event (or none), and every event valid by its schema. */
class ListingEventMapperTest {
    private final ListingEventMapper mapper = new ListingEventMapper();

    private DomainEvent one(Map<String, Object> oldItem, Map<String, Object> newItem) {
        return EventSchemas.valid(mapper.map(record("rec-1", oldItem, newItem)), ListingEventMapper.SOURCE);
    }

    @Test
    void aNewListedVehicleIsPublished() {
        DomainEvent e = one(null, listing());
        assertEquals("ListingPublished", e.detailType());
        JsonNode data = e.detail().path("data");
        assertEquals("1G1ZD5ST1LF012345", data.path("vin").asText());
        assertEquals(2749900L, data.path("ePriceCents").asLong());
        assertEquals("2026-11-26T08:00:00Z", e.detail().path("occurredAt").asText());
        assertTrue(changed(e).containsAll(List.of("vin", "ePriceCents", "listed", "status")));
        assertTrue(data.path("photos").isMissingNode(), "photo lists stay off the bus");
    }

    @Test
    void newUnlistedStockIsAnUpdateNotAPublication() {
        assertEquals("ListingUpdated", one(null, with(listing(), "listed", false)).detailType());
    }

    @Test
    void settingTheListedFlagPublishesAndClearingItWithdraws() {
        Map<String, Object> unlisted = with(listing(), "listed", false);
        assertEquals("ListingPublished", one(unlisted, with(unlisted, "listed", true)).detailType());
        DomainEvent withdrawn = one(listing(), unlisted);
        assertEquals("ListingWithdrawn", withdrawn.detailType());
        assertEquals(List.of("listed"), changed(withdrawn));
    }

    @Test
    void statusWithdrawnAndDeletionWithdraw() {
        assertEquals("ListingWithdrawn", one(listing(), with(listing(), "status", "WITHDRAWN")).detailType());
        DomainEvent deleted = one(listing(), null);
        assertEquals("ListingWithdrawn", deleted.detailType());
        assertEquals("WITHDRAWN", deleted.detail().path("data").path("status").asText());
    }

    @Test
    void aNewEPriceIsAPriceChangeWithThePreviousPrice() {
        DomainEvent e = one(listing(), with(listing(), "ePriceCents", 2699900L));
        assertEquals("ListingPriceChanged", e.detailType());
        assertEquals(List.of("ePriceCents"), changed(e));
        assertEquals(2699900L, e.detail().path("data").path("ePriceCents").asLong());
        assertEquals(2749900L, e.detail().path("data").path("previousEPriceCents").asLong());
    }

    @Test
    void aPriceChangeTogetherWithOtherFactsIsStillOnePriceChangeNamingAll() {
        DomainEvent e = one(listing(), with(listing(), "ePriceCents", 2699900L, "mileage", 30));
        assertEquals("ListingPriceChanged", e.detailType());
        assertEquals(List.of("ePriceCents", "mileage"), changed(e));
    }

    @Test
    void otherFactsAreAnUpdate() {
        DomainEvent e = one(listing(), with(listing(), "mileage", 40, "trim", "RS"));
        assertEquals("ListingUpdated", e.detailType());
        assertEquals(List.of("trim", "mileage"), changed(e));
    }

    @Test
    void reservationReleaseAndSale() {
        Map<String, Object> reserved = with(listing(), "status", "RESERVED");
        assertEquals("ListingReserved", one(listing(), reserved).detailType());
        assertEquals("ListingReleased", one(reserved, with(reserved, "status", "AVAILABLE")).detailType());
        assertEquals("ListingSold", one(reserved, with(reserved, "status", "SOLD")).detailType());
    }

    @Test
    void aWriteThatChangesNothingYieldsNoEvent() {
        Map<String, Object> same = with(listing()); // version and updatedAt only
        assertEquals(Optional.empty(), mapper.map(record("rec-2", listing(), same)));
        assertEquals(Optional.empty(), mapper.map(record("rec-3", listing(), listing())));
    }

    @Test
    void theEventIdIsStablePerStreamRecordAndDistinctAcrossRecords() {
        Map<String, Object> cheaper = with(listing(), "ePriceCents", 1L);
        String first = mapper.map(record("rec-9", listing(), cheaper)).orElseThrow().eventId();
        assertEquals(first, mapper.map(record("rec-9", listing(), cheaper)).orElseThrow().eventId());
        assertNotEquals(first, mapper.map(record("rec-10", listing(), cheaper)).orElseThrow().eventId());
    }
}
