package dev.autocentric.local.lambda;

import java.util.List;

/**
 * A snapshot of one function's invocations and instances.
 *
 * @param instancesStarted cold starts so far (each is a new JVM)
 * @param instancesLive    JVMs running now, busy or idle
 */
public record FunctionStats(String function, long invocations, long successes, long functionErrors, long timeouts,
                            long crashes, long throttles, int instancesStarted, int instancesLive, int instancesIdle,
                            List<ColdStart> coldStarts) {
}
