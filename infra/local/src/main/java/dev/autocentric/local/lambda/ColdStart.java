package dev.autocentric.local.lambda;

import java.time.Duration;

/**
 * One instance's cold start.
 *
 * @param init          process start to its first {@code /next} (Lambda's Init Duration)
 * @param firstResponse process start to its first answer through the runtime API
 */
public record ColdStart(String function, int instance, Duration init, Duration firstResponse) {
}
