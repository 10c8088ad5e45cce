package dev.autocentric.local.http;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RouteTableTest {

    private final RouteTable routes = new RouteTable()
            .add(new Route("PUT", "/v1/dealers/{dealerId}/inventory/{vin}", "Upsert"))
            .add(new Route("POST", "/v1/dealers/{dealerId}/inventory/batch", "Batch"))
            .add(new Route("POST", "/v1/dealers/{dealerId}/inventory/{vin}", "PostVin"))
            .add(new Route("GET", "/v1/dealers/nearest", "Nearest"))
            .add(new Route("GET", "/v1/dealers/{dealerId}", "Dealer"))
            .add(new Route("ANY", "/v1/dealers/{dealerId}", "AnyDealer"))
            .add(new Route("GET", "/v1/files/{proxy+}", "Files"))
            .add(new Route("GET", "/v1/files/{name}", "OneFile"));

    private String function(String method, String path) {
        return routes.match(method, path).map(m -> m.route().function()).orElse("none");
    }

    @Test
    void aLiteralSegmentBeatsAParameter() {
        assertEquals("Batch", function("POST", "/v1/dealers/d1/inventory/batch"));
        assertEquals("PostVin", function("POST", "/v1/dealers/d1/inventory/1G1ZD5ST1LF012345"));
        assertEquals("Nearest", function("GET", "/v1/dealers/nearest"));
    }

    @Test
    void aParameterBeatsAGreedyVariable() {
        assertEquals("OneFile", function("GET", "/v1/files/a.txt"));
        assertEquals("Files", function("GET", "/v1/files/a/b.txt"));
    }

    @Test
    void theRoutesOwnMethodBeatsAny() {
        assertEquals("Dealer", function("GET", "/v1/dealers/d1"));
        assertEquals("AnyDealer", function("DELETE", "/v1/dealers/d1"));
    }

    @Test
    void methodMustMatchAndPathsMatchWhole() {
        assertEquals("none", function("DELETE", "/v1/dealers/d1/inventory/batch"));
        assertEquals("none", function("GET", "/v1/dealers/d1/inventory"));
        assertEquals("none", function("GET", "/v1/listings"));
    }

    @Test
    void aGreedyVariableNeedsAtLeastOneSegment() {
        assertEquals("none", function("GET", "/v1/files"));
    }

    @Test
    void pathParametersArePercentDecoded() {
        var match = routes.match("GET", "/v1/files/my%20dir/a%2Bb.txt").orElseThrow();
        assertEquals(Map.of("proxy", "my dir/a+b.txt"), match.pathParameters());
        var dealer = routes.match("put", "/v1/dealers/D%201/inventory/VIN").orElseThrow();
        assertEquals(Map.of("dealerId", "D 1", "vin", "VIN"), dealer.pathParameters());
        assertEquals("PUT /v1/dealers/{dealerId}/inventory/{vin}", dealer.route().routeKey());
    }

    @Test
    void theDefaultRouteTakesWhatNothingElseMatches() {
        var withDefault = new RouteTable().add(new Route("GET", "/a", "A")).add(new Route(null, "$default", "Fallback"));
        assertEquals("A", withDefault.match("GET", "/a").orElseThrow().route().function());
        assertEquals("Fallback", withDefault.match("POST", "/b/c").orElseThrow().route().function());
        assertEquals("$default", withDefault.match("POST", "/b/c").orElseThrow().route().routeKey());
    }

    @Test
    void twoFunctionsCannotDeclareOneRoute() {
        assertThrows(IllegalArgumentException.class,
                () -> routes.add(new Route("get", "/v1/dealers/nearest", "Other")));
    }

    @Test
    void anEmptySegmentIsNoParameter() {
        assertEquals("none", function("GET", "/v1/dealers//"));
    }
}
