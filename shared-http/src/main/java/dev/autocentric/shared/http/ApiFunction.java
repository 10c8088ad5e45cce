package dev.autocentric.shared.http;

import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/**
 * The Lambda handler of every HTTP function (template.yaml names it): Micronaut's API Gateway
 * payload 2.0 function, whose class initialiser first starts {@link EarlyInit}, so the DynamoDB
 * client is built while Micronaut starts its application context rather than after it.
 */
public class ApiFunction extends APIGatewayV2HTTPEventFunction {

    static {
        EarlyInit.start();
    }

    /** Lambda's constructor: Micronaut builds the application context. */
    public ApiFunction() {
        super();
    }
}
