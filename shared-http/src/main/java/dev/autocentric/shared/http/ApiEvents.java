package dev.autocentric.shared.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * API Gateway payload 2.0 events and answers in JSON, read and written the way the runtime
 * interface client's own serialiser does for these classes (property names matched without
 * regard to case, unknown properties ignored), and absent values left out of the answer.
 */
public final class ApiEvents {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
    private static final ObjectReader EVENTS = MAPPER.readerFor(APIGatewayV2HTTPEvent.class);
    private static final ObjectWriter ANSWERS = MAPPER.writerFor(APIGatewayV2HTTPResponse.class);

    private ApiEvents() {
    }

    public static APIGatewayV2HTTPEvent readEvent(InputStream json) throws IOException {
        return EVENTS.readValue(json);
    }

    public static APIGatewayV2HTTPEvent readEvent(byte[] json) throws IOException {
        return EVENTS.readValue(json);
    }

    public static void writeResponse(APIGatewayV2HTTPResponse response, OutputStream out) throws IOException {
        ANSWERS.writeValue(out, response);
    }

    public static byte[] writeResponse(APIGatewayV2HTTPResponse response) throws IOException {
        return ANSWERS.writeValueAsBytes(response);
    }

    /** Reads a small event and writes an answer, so the first request finds both paths set up (early thread). */
    static void warm() throws IOException {
        APIGatewayV2HTTPEvent event = readEvent(("""
                {"version":"2.0","routeKey":"$default","rawPath":"/warm","rawQueryString":"a=1","headers":{"accept":"*/*"},
                 "requestContext":{"http":{"method":"GET","path":"/warm","protocol":"HTTP/1.1","sourceIp":"127.0.0.1"},
                 "requestId":"warm","timeEpoch":0},"isBase64Encoded":false}""").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        writeResponse(APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody(event.getRawPath()).build());
    }
}
