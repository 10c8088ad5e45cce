package dev.autocentric.local.cfn;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A serverless function as the template declares it, merged with Globals and resolved. */
public record FunctionSpec(String logicalId, Path codeUri, String handler, String runtime, int memoryMb,
                           int timeoutSeconds, Map<String, String> environment, List<EventSource> events) {
    public FunctionSpec {
        environment = Map.copyOf(environment);
        events = List.copyOf(events);
    }

    public <T extends EventSource> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
