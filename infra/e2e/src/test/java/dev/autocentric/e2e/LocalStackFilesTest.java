package dev.autocentric.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocentric.local.emulator.ProjectRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The LocalStack path (infra/localstack), checked as far as a machine without a Docker engine can:
 * the compose file is valid YAML (read by Python's yaml, the loader Compose files are usually
 * checked with, else SnakeYAML) that pins its image and takes the auth token from the environment,
 * and the deploy script is valid bash that passes shellcheck. {@code make setup} installs Debian's
 * shellcheck when missing (infra/scripts/shellcheck-env); where it could not, that check is
 * reported skipped.
 */
class LocalStackFilesTest {

    static final Path DIR = ProjectRoot.find().resolve("infra/localstack");
    static final Set<String> SERVICES = Set.of("dynamodb", "dynamodbstreams", "sqs", "events", "lambda",
            "apigatewayv2", "cloudformation", "s3", "iam", "logs");

    record Run(int exit, String output) {
    }

    static Run run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in 60 s");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** The compose file as JSON, read by Python's yaml when a python3 has it, else by SnakeYAML. */
    static JsonNode compose() throws Exception {
        Path file = DIR.resolve("compose.yaml");
        String python = System.getenv().getOrDefault("MOTO_PYTHON", "python3");
        try {
            Run parsed = run(List.of(python, "-c",
                    "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))", file.toString()));
            if (parsed.exit() == 0) {
                return Api.JSON.readTree(parsed.output());
            }
            if (!parsed.output().contains("No module named 'yaml'")) {
                throw new AssertionError("compose.yaml is not valid YAML:\n" + parsed.output());
            }
        } catch (IOException noPython) {
            // no python3 on this machine: SnakeYAML below
        }
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        return Api.JSON.valueToTree(tree);
    }

    @Test
    void theComposeFileParsesPinsItsImageAndTakesTheTokenFromTheEnvironment() throws Exception {
        JsonNode localstack = compose().path("services").path("localstack");
        String image = localstack.path("image").asText();
        assertTrue(image.matches("localstack/localstack:\\d{4}\\.\\d{2}\\.\\d+(@sha256:[0-9a-f]{64})?"),
                "a pinned calendar version, not latest or stable: " + image);
        JsonNode environment = localstack.path("environment");
        assertTrue(environment.path("LOCALSTACK_AUTH_TOKEN").asText().startsWith("${LOCALSTACK_AUTH_TOKEN:?"),
                "the token comes from the environment, and compose refuses to start without it: " + environment);
        List<String> services = List.of(environment.path("SERVICES").asText().split(","));
        for (String service : SERVICES) {
            assertTrue(services.contains(service), service + " is served: " + services);
        }
        List<String> volumes = new ArrayList<>();
        localstack.path("volumes").forEach(v -> volumes.add(v.asText()));
        assertTrue(volumes.contains("/var/run/docker.sock:/var/run/docker.sock"), "Lambda starts containers: " + volumes);
        localstack.path("ports").forEach(p -> assertTrue(p.asText().startsWith("127.0.0.1:"),
                "published on loopback only: " + p));
        assertFalse(localstack.path("healthcheck").isMissingNode(), "deploy.sh waits for a healthy container");
    }

    @Test
    void theDeployScriptIsStrictBashAndChecksItsPrerequisites() throws Exception {
        Path script = DIR.resolve("deploy.sh");
        assertTrue(Files.isExecutable(script), "deploy.sh is executable");
        String text = Files.readString(script);
        assertTrue(text.startsWith("#!/usr/bin/env bash\n"), "a bash script");
        assertTrue(text.contains("\nset -euo pipefail\n"));
        for (String mention : List.of("LOCALSTACK_AUTH_TOKEN", "docker info", "AdminTokenSha256=", "mvn ",
                "compose.yaml", "execute-api.localhost.localstack.cloud")) {
            assertTrue(text.contains(mention), "deploy.sh mentions " + mention);
        }
        Run syntax = run(List.of("bash", "-n", script.toString()));
        assertEquals(0, syntax.exit(), syntax.output());
    }

    @Test
    void theDeployScriptPassesShellcheck() throws Exception {
        assumeTrue(onPath("shellcheck"), "shellcheck is not installed (make setup, or apt-get install shellcheck); not checked");
        Run check = run(List.of("shellcheck", "--shell=bash", DIR.resolve("deploy.sh").toString()));
        assertEquals(0, check.exit(), check.output());
    }

    @Test
    void theComposeFileNamesNoTokenOfItsOwn() throws IOException {
        String text = Files.readString(DIR.resolve("compose.yaml"));
        for (String line : text.lines().toList()) {
            if (line.contains("LOCALSTACK_AUTH_TOKEN:")) {
                assertTrue(line.contains("${LOCALSTACK_AUTH_TOKEN"), line);
            }
        }
        assertFalse(text.matches("(?s).*\\bls-[A-Za-z0-9]{8,}.*"), "no token-like value is committed");
    }
}
