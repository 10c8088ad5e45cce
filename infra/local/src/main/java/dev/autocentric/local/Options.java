package dev.autocentric.local;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** How to start the local runtime; every setting has a default that suits {@code make run}. */
public final class Options {

    private Path template = Path.of("template.yaml");
    private final Map<String, String> parameterOverrides = new LinkedHashMap<>();
    private String host = "127.0.0.1";
    private int httpPort = 3000;
    private int concurrency = 4;
    private final Map<String, Integer> concurrencyByFunction = new LinkedHashMap<>();
    private double scheduleSpeedup = 1.0;
    private URI emulatorEndpoint;
    private String region = "us-east-1";
    private String prefix = "";
    private Path stateDirectory = Path.of(".local");
    private Path logDirectory;
    private Duration initTimeout = Duration.ofSeconds(30);
    private Duration asyncRetryDelay = Duration.ofSeconds(1);
    private Path ricDirectory;
    private Path javaHome = Path.of(System.getProperty("java.home"));
    private final Set<String> functions = new LinkedHashSet<>();
    private Consumer<LocalRuntime> afterStart = runtime -> { };
    private String seed = "demo";

    public static Options forTemplate(Path template) {
        return new Options().template(template);
    }

    public Options template(Path template) {
        this.template = template;
        return this;
    }

    /** A template parameter's value, winning over its Default (like sam deploy --parameter-overrides). */
    public Options parameter(String name, String value) {
        parameterOverrides.put(name, value);
        return this;
    }

    /** The address the HTTP API listens on (loopback by default). */
    public Options host(String host) {
        this.host = host;
        return this;
    }

    /** The HTTP API's port; 0 picks a free one (tests). */
    public Options httpPort(int httpPort) {
        this.httpPort = httpPort;
        return this;
    }

    /** Instances per function at most (Lambda's concurrency limit); events beyond it wait. */
    public Options concurrency(int concurrency) {
        this.concurrency = concurrency;
        return this;
    }

    public Options concurrency(String functionLogicalId, int concurrency) {
        concurrencyByFunction.put(functionLogicalId, concurrency);
        return this;
    }

    /** Schedules run this many times faster than the wall clock (tests: 60 makes a minute a second). */
    public Options scheduleSpeedup(double scheduleSpeedup) {
        this.scheduleSpeedup = scheduleSpeedup;
        return this;
    }

    /** An emulator already running (LocalStack, a shared moto); null starts moto. */
    public Options emulatorEndpoint(URI emulatorEndpoint) {
        this.emulatorEndpoint = emulatorEndpoint;
        return this;
    }

    public Options region(String region) {
        this.region = region;
        return this;
    }

    /** Put before every physical name, so several runtimes can share one emulator. */
    public Options prefix(String prefix) {
        this.prefix = prefix;
        return this;
    }

    /** Where the PID list (and, by convention, seed output) lives: {@code .local} by default. */
    public Options stateDirectory(Path stateDirectory) {
        this.stateDirectory = stateDirectory;
        return this;
    }

    /** Function output to {@code <dir>/<function>.log}; null (default) prints it prefixed to stdout. */
    public Options logDirectory(Path logDirectory) {
        this.logDirectory = logDirectory;
        return this;
    }

    public Options initTimeout(Duration initTimeout) {
        this.initTimeout = initTimeout;
        return this;
    }

    /** First wait before an asynchronous invocation (EventBridge, schedule) is retried; the second is twice that. */
    public Options asyncRetryDelay(Duration asyncRetryDelay) {
        this.asyncRetryDelay = asyncRetryDelay;
        return this;
    }

    /** The RIC and its dependencies; found next to the runtime's own classes by default. */
    public Options ricDirectory(Path ricDirectory) {
        this.ricDirectory = ricDirectory;
        return this;
    }

    /** The JDK that runs the functions; the runtime's own by default. */
    public Options javaHome(Path javaHome) {
        this.javaHome = javaHome;
        return this;
    }

    /** Runs only these functions (logical ids); all when none are named. */
    public Options function(String logicalId) {
        functions.add(logicalId);
        return this;
    }

    /** Called once everything is up, before the URL is printed: demo seeding goes here. */
    public Options afterStart(Consumer<LocalRuntime> afterStart) {
        this.afterStart = afterStart;
        return this;
    }

    /** The seed mode given on the command line ({@code demo} or {@code none}); the afterStart hook reads it. */
    public Options seed(String seed) {
        this.seed = seed;
        return this;
    }

    public Path template() {
        return template;
    }

    public Map<String, String> parameterOverrides() {
        return Map.copyOf(parameterOverrides);
    }

    public String host() {
        return host;
    }

    public int httpPort() {
        return httpPort;
    }

    public int concurrency(String functionLogicalId) {
        return concurrencyByFunction.getOrDefault(functionLogicalId, concurrency);
    }

    public double scheduleSpeedup() {
        return scheduleSpeedup;
    }

    public URI emulatorEndpoint() {
        return emulatorEndpoint;
    }

    public String region() {
        return region;
    }

    public String prefix() {
        return prefix;
    }

    public Path stateDirectory() {
        return stateDirectory;
    }

    public Path logDirectory() {
        return logDirectory;
    }

    public Duration initTimeout() {
        return initTimeout;
    }

    public Duration asyncRetryDelay() {
        return asyncRetryDelay;
    }

    public Path ricDirectory() {
        return ricDirectory;
    }

    public Path javaHome() {
        return javaHome;
    }

    public Set<String> functions() {
        return Set.copyOf(functions);
    }

    public Consumer<LocalRuntime> afterStart() {
        return afterStart;
    }

    public String seed() {
        return seed;
    }

    /**
     * The command line of {@code make run}: {@code --template F --port N --concurrency N --seed demo|none
     * --parameter K=V --schedule-speedup X --endpoint URL --logs DIR --host H --function Id}.
     */
    public static Options fromArgs(String... args) {
        var options = new Options();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--template" -> options.template(Path.of(value));
                case "--port" -> options.httpPort(Integer.parseInt(value));
                case "--host" -> options.host(value);
                case "--concurrency" -> options.concurrency(Integer.parseInt(value));
                case "--seed" -> options.seed(value);
                case "--parameter", "--parameter-override" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--parameter needs Name=Value, not " + value);
                    }
                    options.parameter(value.substring(0, eq), value.substring(eq + 1));
                }
                case "--schedule-speedup" -> options.scheduleSpeedup(Double.parseDouble(value));
                case "--endpoint" -> options.emulatorEndpoint(URI.create(value));
                case "--logs" -> options.logDirectory(Path.of(value));
                case "--state" -> options.stateDirectory(Path.of(value));
                case "--function" -> options.function(value);
                case "--region" -> options.region(value);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        return options;
    }
}
