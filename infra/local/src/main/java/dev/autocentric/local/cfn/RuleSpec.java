package dev.autocentric.local.cfn;

import java.util.List;

/** An {@code AWS::Events::Rule} of the template: a pattern on a bus, delivering to SQS queues. */
public record RuleSpec(String logicalId, String eventBusName, String patternJson, List<String> sqsTargetArns) {
    public RuleSpec {
        sqsTargetArns = List.copyOf(sqsTargetArns);
    }
}
