package dev.autocentric.shared.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class JsonLineEncoderTest {

    @Test
    void writesOneFlatJsonObjectPerLine() throws Exception {
        Logger logger = new LoggerContext().getLogger("access");
        LoggingEvent event = new LoggingEvent("x", logger, Level.INFO, "request {} done", null, new Object[] {"PUT"});
        event.setMDCPropertyMap(Map.of("requestId", "r-1", "function", "listing"));
        event.addKeyValuePair(new KeyValuePair("status", 201));
        event.addKeyValuePair(new KeyValuePair("durationMs", 12.5));
        event.addKeyValuePair(new KeyValuePair("path", "/v1/listings/X\n"));
        String line = new String(new JsonLineEncoder().encode(event), StandardCharsets.UTF_8);
        assertTrue(line.endsWith("\n"));
        assertFalse(line.substring(0, line.length() - 1).contains("\n"));
        JsonNode json = Json.tree(line);
        assertEquals("INFO", json.get("level").asText());
        assertEquals("request PUT done", json.get("message").asText());
        assertEquals("r-1", json.get("requestId").asText());
        assertEquals(201, json.get("status").asInt());
        assertTrue(json.get("status").isInt());
        assertEquals(12.5, json.get("durationMs").asDouble());
        assertEquals("/v1/listings/X\n", json.get("path").asText());
    }

    @Test
    void errorsCarryTypeMessageAndStack() throws Exception {
        Logger logger = new LoggerContext().getLogger("x");
        LoggingEvent event = new LoggingEvent("x", logger, Level.ERROR, "failed", new IllegalStateException("boom",
                new java.io.IOException("disk")), null);
        event.setMDCPropertyMap(Map.of());
        JsonNode json = Json.tree(new String(new JsonLineEncoder().encode(event), StandardCharsets.UTF_8));
        assertEquals("java.lang.IllegalStateException", json.get("error").get("type").asText());
        assertEquals("boom", json.get("error").get("message").asText());
        assertTrue(json.get("error").get("stack").asText().contains("caused by java.io.IOException: disk"));
    }
}
