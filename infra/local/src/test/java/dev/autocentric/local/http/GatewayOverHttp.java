package dev.autocentric.local.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;

/** A gateway test's HTTP side: each test starts {@link #gateway} and calls it over real HTTP/1.1. */
abstract class GatewayOverHttp {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    protected HttpApiGateway gateway;

    @AfterEach
    void stop() {
        gateway.close();
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(gateway.endpoint() + path));
    }
}
