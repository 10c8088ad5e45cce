package dev.autocentric.shared.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One page of a list: {@code nextCursor} is absent on the last page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = List.copyOf(items);
    }
}
