package dev.autocentric.local.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** What the runtime needs to run one function: the template's Code, Handler, MemorySize, Timeout and Environment. */
public record FunctionConfig(String name, Path jar, String handler, int memoryMb, Duration timeout,
                             Map<String, String> environment) {

    public FunctionConfig {
        environment = Map.copyOf(environment);
    }
}
