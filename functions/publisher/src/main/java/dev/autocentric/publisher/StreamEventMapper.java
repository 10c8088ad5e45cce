package dev.autocentric.publisher;

import java.util.Optional;

/**
 * Turns one stream record of one table into at most one domain event (none for a write that
 * changed nothing of interest). One implementation per table; the publisher picks it by the
 * table named in the record's stream ARN.
 */
public interface StreamEventMapper {

    /** The envelope version every event of this mapper carries. */
    int SCHEMA_VERSION = 1;

    Optional<DomainEvent> map(StreamRecord record);
}
