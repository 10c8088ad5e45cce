package dev.autocentric.local.cfn;

/** One entry of a function's {@code Events}, with every intrinsic resolved. */
public sealed interface EventSource {
    String name();

    /** An API Gateway HTTP API route (payload format 2.0). */
    record HttpApi(String name, String method, String path) implements EventSource {
    }

    /** A DynamoDB stream event source mapping. {@code maximumRetryAttempts} -1 means "until the record expires". */
    record DynamoDbStream(String name, String streamArn, String startingPosition, int batchSize,
                          int maximumRetryAttempts, boolean bisectOnError, String onFailureQueueArn,
                          boolean reportBatchItemFailures) implements EventSource {
    }

    /** An SQS event source mapping. */
    record Sqs(String name, String queueArn, int batchSize, boolean reportBatchItemFailures) implements EventSource {
    }

    /** An EventBridge rule that targets the function directly. */
    record EventBridgeRule(String name, String eventBusName, String patternJson) implements EventSource {
    }

    /** A scheduled rule: {@code rate(...)} or {@code cron(...)}. */
    record Schedule(String name, String expression, boolean enabled, String inputJson) implements EventSource {
    }
}
