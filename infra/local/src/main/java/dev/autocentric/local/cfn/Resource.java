package dev.autocentric.local.cfn;

import java.util.Map;

/** A resource of the template as written (intrinsics unresolved, in long form). */
public record Resource(String logicalId, String type, Map<String, Object> properties) {
}
