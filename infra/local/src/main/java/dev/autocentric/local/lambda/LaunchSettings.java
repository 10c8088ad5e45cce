package dev.autocentric.local.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How function JVMs are launched, the same for every function.
 *
 * @param javaHome       the JDK whose {@code bin/java} runs the functions
 * @param ricDirectory   the runtime interface client and its dependencies (target/lambda-ric)
 * @param awsEnvironment region, credentials and endpoint variables every function gets
 * @param initTimeout    how long a new instance may take to reach its first {@code /next};
 *                       longer than Lambda's 10 s because a laptop starts JVMs while it builds
 * @param logDirectory   where each function's output goes ({@code <name>.log}); null = this process's stdout
 * @param processes      records each child so that nothing outlives the runtime
 */
public record LaunchSettings(Path javaHome, Path ricDirectory, String region, String accountId,
                             Map<String, String> awsEnvironment, Duration initTimeout, Path logDirectory,
                             ChildProcesses processes) {

    public LaunchSettings {
        awsEnvironment = Map.copyOf(awsEnvironment);
    }

    public String functionArn(String functionName) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
    }
}
