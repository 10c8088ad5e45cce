package dev.autocentric.search;

import dev.autocentric.shared.http.HttpBodies;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/search} (anonymous). The page is JSON {@code {items, nextCursor?, facets?}};
 * the header {@code X-Search-Cost} says which plan answered and how many index items and
 * queries it took, which the benchmark reads.
 */
@Controller("/v1/search")
public class SearchController {

    private final SearchService search;

    public SearchController(SearchService search) {
        this.search = search;
    }

    @Get
    HttpResponse<String> search(HttpRequest<?> request) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        // API Gateway joins a repeated parameter's values with commas, and the proxy splits them
        // again: put them back together, so facets=make,model reads the same either way
        for (String name : request.getParameters().names()) {
            parameters.put(name, List.of(String.join(",", request.getParameters().getAll(name))));
        }
        SearchService.Answer answer = search.search(parameters);
        var r = answer.result();
        return HttpBodies.json(HttpStatus.OK, answer.body()).header("X-Search-Cost",
                "plan=" + r.plan() + "; items=" + r.itemsRead() + "; queries=" + r.requests());
    }
}
