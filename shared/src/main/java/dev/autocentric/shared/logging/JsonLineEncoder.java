package dev.autocentric.shared.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.autocentric.shared.json.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * Logback encoder writing one flat JSON object per line: {@code time}, {@code level},
 * {@code logger}, {@code message}, then every MDC entry (requestId, function, ...) and every
 * key-value pair of the event as top-level fields (numbers stay numbers), and {@code error}
 * with the exception's type, message and a short stack. Callers must not put buyer personal
 * data in messages or key-value pairs.
 */
public class JsonLineEncoder extends EncoderBase<ILoggingEvent> {

    private static final int MAX_FRAMES = 20;
    private static final byte[] NONE = new byte[0];

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("message", event.getFormattedMessage());
            Map<String, String> mdc = event.getMDCPropertyMap();
            if (mdc != null) {
                for (Map.Entry<String, String> e : mdc.entrySet()) {
                    json.writeStringField(e.getKey(), e.getValue());
                }
            }
            if (event.getKeyValuePairs() != null) {
                for (KeyValuePair kv : event.getKeyValuePairs()) {
                    json.writeFieldName(kv.key);
                    if (kv.value instanceof Number || kv.value instanceof Boolean) {
                        json.writeObject(kv.value);
                    } else {
                        json.writeString(String.valueOf(kv.value));
                    }
                }
            }
            IThrowableProxy error = event.getThrowableProxy();
            if (error != null) {
                json.writeObjectFieldStart("error");
                json.writeStringField("type", error.getClassName());
                json.writeStringField("message", error.getMessage());
                StringBuilder stack = new StringBuilder();
                StackTraceElementProxy[] frames = error.getStackTraceElementProxyArray();
                for (int i = 0; frames != null && i < Math.min(frames.length, MAX_FRAMES); i++) {
                    stack.append(frames[i].getSTEAsString()).append('\n');
                }
                for (IThrowableProxy cause = error.getCause(); cause != null; cause = cause.getCause()) {
                    stack.append("caused by ").append(cause.getClassName()).append(": ").append(cause.getMessage()).append('\n');
                }
                json.writeStringField("stack", stack.toString());
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
