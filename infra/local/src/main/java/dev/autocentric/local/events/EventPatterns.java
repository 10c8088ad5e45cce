package dev.autocentric.local.events;

import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.RuleCompiler;

import java.io.IOException;
import java.util.List;

/**
 * EventBridge event patterns, matched with AWS's Event Ruler so that the local semantics are the
 * service's (prefix, anything-but, numeric, exists, wildcard, $or ...).
 */
public final class EventPatterns {

    private final Machine machine = Machine.builder().build();

    /** Adds a named pattern; rejects one EventBridge would reject, with Event Ruler's reason. */
    public synchronized EventPatterns add(String name, String patternJson) {
        String problem = RuleCompiler.check(patternJson);
        if (problem != null) {
            throw new IllegalArgumentException("invalid event pattern for " + name + ": " + problem);
        }
        try {
            machine.addRule(name, patternJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid event pattern for " + name + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** The names of the patterns the event matches; empty for an event that is not a JSON object. */
    public synchronized List<String> matching(String eventJson) {
        try {
            return machine.rulesForJSONEvent(eventJson).stream().distinct().toList();
        } catch (Exception notAnEvent) {
            return List.of();
        }
    }

    public synchronized boolean isEmpty() {
        return machine.isEmpty();
    }
}
