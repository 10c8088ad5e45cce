package dev.autocentric.local.lambda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a function JVM is launched: the class path, the task root and the variables Lambda sets. */
class FunctionInstanceTest {

    @Test
    void launchesTheRicAloneOnTheClassPathWithLambdasEnvironment(@TempDir Path dir) throws Exception {
        Path ric = dev.autocentric.local.emulator.ProjectRoot.find().resolve("infra/local/target/lambda-ric");
        var launch = new LaunchSettings(Path.of("/jdk"), ric, "us-east-1", "123456789012",
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:5000", "AWS_ACCESS_KEY_ID", "test"),
                Duration.ofSeconds(30), null, new ChildProcesses(null));
        var function = new FunctionConfig("ListingFunction", TaskRootTest.jar(dir.resolve("listing.jar"),
                Map.of("com/example/Handler.class", "not really a class")), "com.example.Handler",
                1024, Duration.ofSeconds(15), Map.of("LISTINGS_TABLE", "Listings", "AWS_REGION", "eu-west-1"));
        var instance = new FunctionInstance(function, launch, 1);
        try {
            var command = instance.command();
            assertEquals("/jdk/bin/java", command.getFirst());
            assertTrue(command.contains("-XX:MaxHeapSize=870m"));
            int cp = command.indexOf("-cp");
            assertEquals(ric + "/*", command.get(cp + 1), "the function's JAR is not on the JVM's class path");
            // every JVM loads one finished copy of the RIC's JNI library instead of rewriting /tmp's
            String jni = command.stream().filter(a -> a.startsWith("-D" + NativeClientLibrary.PROPERTY + "="))
                    .findFirst().orElseThrow();
            assertTrue(java.nio.file.Files.isRegularFile(Path.of(jni.substring(jni.indexOf('=') + 1))), jni);
            assertEquals(FunctionInstance.RIC_MAIN, command.get(command.size() - 2));
            assertEquals("com.example.Handler", command.getLast());

            var env = instance.environment();
            assertEquals("Listings", env.get("LISTINGS_TABLE"));
            assertEquals("us-east-1", env.get("AWS_REGION"), "reserved variables win over the template");
            assertTrue(env.get("AWS_LAMBDA_RUNTIME_API").startsWith("127.0.0.1:"));
            assertEquals("ListingFunction", env.get("AWS_LAMBDA_FUNCTION_NAME"));
            assertEquals("$LATEST", env.get("AWS_LAMBDA_FUNCTION_VERSION"));
            assertEquals("1024", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
            assertEquals("/aws/lambda/ListingFunction", env.get("AWS_LAMBDA_LOG_GROUP_NAME"));
            assertEquals("com.example.Handler", env.get("_HANDLER"));
            assertEquals(":UTC", env.get("TZ"));
            assertEquals("http://127.0.0.1:5000", env.get("AWS_ENDPOINT_URL"));
            Path taskRoot = Path.of(env.get("LAMBDA_TASK_ROOT"));
            assertEquals("not really a class", java.nio.file.Files.readString(taskRoot.resolve("com/example/Handler.class")),
                    "the task root is the package unpacked");
            TaskRoot.deleteTree(taskRoot); // this test's package: nobody else starts from it
        } finally {
            instance.close();
        }
    }
}
