package dev.autocentric.local;

import dev.autocentric.local.cfn.EventSource;
import dev.autocentric.local.cfn.FunctionSpec;
import dev.autocentric.local.cfn.RuleSpec;
import dev.autocentric.local.cfn.SamTemplate;
import dev.autocentric.local.emulator.Deployment;
import dev.autocentric.local.emulator.EmulatorClients;
import dev.autocentric.local.emulator.Moto;
import dev.autocentric.local.emulator.ProjectRoot;
import dev.autocentric.local.emulator.Provisioner;
import dev.autocentric.local.events.AsyncInvocations;
import dev.autocentric.local.events.RuleRouter;
import dev.autocentric.local.events.Scheduler;
import dev.autocentric.local.events.SqsPoller;
import dev.autocentric.local.events.StreamPoller;
import dev.autocentric.local.http.CorsPolicy;
import dev.autocentric.local.http.HttpApiGateway;
import dev.autocentric.local.http.Route;
import dev.autocentric.local.http.RouteTable;
import dev.autocentric.local.http.StaticSite;
import dev.autocentric.local.lambda.ChildProcesses;
import dev.autocentric.local.lambda.ColdStart;
import dev.autocentric.local.lambda.FunctionConfig;
import dev.autocentric.local.lambda.FunctionPool;
import dev.autocentric.local.lambda.FunctionStats;
import dev.autocentric.local.lambda.InvocationResult;
import dev.autocentric.local.lambda.LaunchSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The Docker-free local runtime: template.yaml's tables, queues and buses in an emulator, each
 * function in its own JVMs behind a local Lambda Runtime API, and every event source the
 * functions declare — HTTP API routes, DynamoDB streams, SQS, EventBridge rules, schedules.
 * {@link #start(Options)} returns the running runtime; {@link #close()} (or Ctrl-C) stops all it started.
 */
public final class LocalRuntime implements AutoCloseable {

    private final Options options;
    private final Map<String, FunctionPool> pools = new LinkedHashMap<>();
    private final List<FunctionPool> extraPools = new java.util.concurrent.CopyOnWriteArrayList<>();
    private LaunchSettings launch;
    private final List<StreamPoller> streamPollers = new ArrayList<>();
    private final List<SqsPoller> sqsPollers = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Moto moto;
    private ChildProcesses processes;
    private EmulatorClients clients;
    private Deployment deployment;
    private HttpApiGateway gateway;
    private RuleRouter router;
    private Scheduler scheduler;
    private AsyncInvocations async;
    private Thread shutdownHook;
    private volatile boolean closed;

    private LocalRuntime(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options = Options.fromArgs(args);
        // template.yaml's LocalMode parameter exists for this runtime: relax checks that need a public network
        if (!options.parameterOverrides().containsKey("LocalMode")) {
            options.parameter("LocalMode", "true");
        }
        try {
            LocalDemo.prepare(options);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("local runtime: " + e.getMessage());
            System.exit(2);
            return;
        }
        LocalRuntime runtime;
        try {
            runtime = start(options);
        } catch (RuntimeException e) {
            // start() already stopped whatever it had started
            System.err.println("local runtime: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("AutoCentric local runtime ready: " + runtime.httpEndpoint() + "  (Ctrl-C stops everything)");
        runtime.awaitStop();
    }

    /** Starts everything; on failure stops what it had started and rethrows. */
    public static LocalRuntime start(Options options) {
        var runtime = new LocalRuntime(options);
        try {
            runtime.boot();
        } catch (RuntimeException | IOException e) {
            runtime.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
        return runtime;
    }

    private void boot() throws IOException {
        Path pidFile = options.stateDirectory() == null ? null : options.stateDirectory().resolve("pids");
        List<Long> leftovers = ChildProcesses.killLeftovers(pidFile);
        if (!leftovers.isEmpty()) {
            System.out.println("local runtime: stopped " + leftovers.size() + " process(es) left by a previous run: " + leftovers);
        }
        processes = new ChildProcesses(pidFile);
        shutdownHook = new Thread(this::close, "local-runtime-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);

        SamTemplate template = SamTemplate.load(options.template(), options.parameterOverrides());
        URI endpoint = emulatorEndpoint();
        clients = new EmulatorClients(endpoint, options.region());
        deployment = new Provisioner(clients).provision(template, options.prefix());

        launch = new LaunchSettings(options.javaHome(), ricDirectory(), deployment.region(),
                deployment.accountId(), awsEnvironment(endpoint), options.initTimeout(), options.logDirectory(), processes);
        List<FunctionSpec> functions = template.functions(deployment).stream()
                .filter(f -> options.functions().isEmpty() || options.functions().contains(f.logicalId()))
                .toList();
        requireCode(functions);
        for (FunctionSpec spec : functions) {
            var config = new FunctionConfig(deployment.functionName(spec.logicalId()), spec.codeUri(), spec.handler(),
                    spec.memoryMb(), Duration.ofSeconds(spec.timeoutSeconds()), spec.environment());
            pools.put(spec.logicalId(), new FunctionPool(config, launch, options.concurrency(spec.logicalId())));
        }

        async = new AsyncInvocations(options.asyncRetryDelay());
        var routes = new RouteTable();
        router = new RuleRouter(deployment.events(), deployment.sqs(), options.prefix(), deployment.accountId(),
                async, this::queueUrl);
        scheduler = new Scheduler(options.scheduleSpeedup(), deployment.region(), deployment.accountId(), async);
        for (FunctionSpec spec : functions) {
            FunctionPool pool = pools.get(spec.logicalId());
            for (EventSource event : spec.events()) {
                switch (event) {
                    case EventSource.HttpApi http -> routes.add(new Route(http.method(), http.path(), spec.logicalId()));
                    case EventSource.DynamoDbStream stream -> {
                        var poller = new StreamPoller(spec.logicalId(), stream, deployment.streams(), deployment.sqs(),
                                pool, pool.arn(), deployment.region(), this::queueUrl);
                        // LATEST means from now: open the iterators before anything can write
                        poller.discoverShards();
                        streamPollers.add(poller);
                    }
                    case EventSource.Sqs sqs -> sqsPollers.add(new SqsPoller(spec.logicalId(), sqs, deployment.sqs(),
                            queueUrl(sqs.queueArn()), pool, deployment.region()));
                    case EventSource.EventBridgeRule rule -> router.addFunctionRule(
                            spec.logicalId() + "." + rule.name(), rule.eventBusName(), rule.patternJson(), pool);
                    case EventSource.Schedule schedule -> {
                        if (schedule.enabled()) {
                            scheduler.add(deployment.functionName(spec.logicalId()) + "-" + schedule.name(),
                                    schedule.expression(), schedule.inputJson(), pool);
                        }
                    }
                }
            }
        }
        for (RuleSpec rule : template.rules(deployment)) {
            if (rule.patternJson() != null && !rule.sqsTargetArns().isEmpty()) {
                router.addQueueRule(rule.logicalId(), rule.eventBusName(), rule.patternJson(), rule.sqsTargetArns());
            }
        }

        gateway = new HttpApiGateway(routes, pools, options.host(), options.httpPort(), "local", deployment.accountId(),
                corsPolicy(template), new StaticSite());
        streamPollers.forEach(StreamPoller::start);
        sqsPollers.forEach(SqsPoller::start);
        router.start();
        scheduler.start();
        options.afterStart().accept(this);
    }

    /** The CORS configuration of the template's HTTP API (one API: every route shares the port). */
    private CorsPolicy corsPolicy(SamTemplate template) {
        return template.resourcesOfType(SamTemplate.HTTP_API).stream().findFirst()
                .map(api -> CorsPolicy.fromTemplate(template.resolve(api.properties().get("CorsConfiguration"), deployment)))
                .orElse(CorsPolicy.none());
    }

    private URI emulatorEndpoint() {
        if (options.emulatorEndpoint() != null) {
            return options.emulatorEndpoint();
        }
        String configured = System.getenv("AWS_ENDPOINT_URL");
        if (configured != null && !configured.isBlank()) {
            return URI.create(configured);
        }
        moto = Moto.start();
        ProcessHandle.of(moto.pid()).ifPresent(processes::register);
        return moto.endpoint();
    }

    /** Fake credentials for an emulator we started; the caller's own when they chose the endpoint. */
    private Map<String, String> awsEnvironment(URI endpoint) {
        var env = new LinkedHashMap<String, String>();
        env.put("AWS_ENDPOINT_URL", endpoint.toString());
        String key = System.getenv("AWS_ACCESS_KEY_ID");
        if (moto == null && key != null) {
            env.put("AWS_ACCESS_KEY_ID", key);
            env.put("AWS_SECRET_ACCESS_KEY", System.getenv().getOrDefault("AWS_SECRET_ACCESS_KEY", ""));
            if (System.getenv("AWS_SESSION_TOKEN") != null) {
                env.put("AWS_SESSION_TOKEN", System.getenv("AWS_SESSION_TOKEN"));
            }
        } else {
            env.put("AWS_ACCESS_KEY_ID", EmulatorClients.ACCESS_KEY);
            env.put("AWS_SECRET_ACCESS_KEY", EmulatorClients.SECRET_KEY);
            env.put("AWS_SESSION_TOKEN", "local-session-token");
        }
        return env;
    }

    private String queueUrl(String queueArn) {
        String known = deployment.queueUrlForArn(queueArn);
        if (known != null) {
            return known;
        }
        String name = queueArn.substring(queueArn.lastIndexOf(':') + 1);
        return deployment.sqs().getQueueUrl(b -> b.queueName(name)).queueUrl();
    }

    private static void requireCode(List<FunctionSpec> functions) {
        var missing = functions.stream()
                .filter(f -> f.codeUri() == null || !Files.isRegularFile(f.codeUri()))
                .map(f -> f.logicalId() + " (" + f.codeUri() + ")").toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("function code not built: " + String.join(", ", missing)
                    + " — run `mvn -DskipTests package` first");
        }
    }

    /** target/lambda-ric next to this module's classes or JAR, else under the project root. */
    private Path ricDirectory() {
        if (options.ricDirectory() != null) {
            return options.ricDirectory();
        }
        String configured = System.getProperty("autocentric.lambdaRic");
        if (configured != null) {
            return Path.of(configured);
        }
        try {
            Path code = Path.of(LocalRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path besideTarget = code.getParent().resolve("lambda-ric");
            if (Files.isDirectory(besideTarget)) {
                return besideTarget;
            }
        } catch (Exception unknownLocation) {
            // fall through to the project layout
        }
        Path inProject = ProjectRoot.find().resolve("infra/local/target/lambda-ric");
        if (!Files.isDirectory(inProject)) {
            throw new IllegalStateException("no " + inProject + ": build infra/local with `mvn package` first");
        }
        return inProject;
    }

    /** Where the HTTP API answers, e.g. http://localhost:3000. */
    public URI httpEndpoint() {
        return gateway.endpoint();
    }

    public Deployment deployment() {
        return deployment;
    }

    public Options options() {
        return options;
    }

    /** Invokes a function directly (as {@code aws lambda invoke} would), by logical id. */
    public InvocationResult invoke(String functionLogicalId, String eventJson) {
        FunctionPool pool = pools.get(functionLogicalId);
        if (pool == null) {
            throw new IllegalArgumentException("no function " + functionLogicalId + "; running: " + pools.keySet());
        }
        return pool.invoke(eventJson.getBytes(StandardCharsets.UTF_8));
    }

    /** The deployed configuration of a function (code, handler, memory, timeout, environment), by logical id. */
    public FunctionConfig functionConfig(String functionLogicalId) {
        FunctionPool pool = pools.get(functionLogicalId);
        if (pool == null) {
            throw new IllegalArgumentException("no function " + functionLogicalId + "; running: " + pools.keySet());
        }
        return pool.function();
    }

    /**
     * A separate pool of one instance for {@code config}, launched as this runtime launches its
     * functions (same JDK, runtime interface client, AWS environment, logs): each new pool's first
     * invocation is a real cold start, which is what benchmarks measure. The caller closes it; the
     * runtime closes any left open when it stops.
     */
    public FunctionPool newPool(FunctionConfig config) {
        FunctionPool pool = new FunctionPool(config, launch, 1);
        extraPools.add(pool);
        return pool;
    }

    /** Invocations, errors, instances and cold starts of each function, by logical id. */
    public Map<String, FunctionStats> stats() {
        var out = new LinkedHashMap<String, FunctionStats>();
        pools.forEach((id, pool) -> out.put(id, pool.stats()));
        return out;
    }

    public List<ColdStart> coldStarts() {
        return pools.values().stream().flatMap(p -> p.stats().coldStarts().stream()).toList();
    }

    public List<StreamPoller> streamPollers() {
        return List.copyOf(streamPollers);
    }

    public List<SqsPoller> sqsPollers() {
        return List.copyOf(sqsPollers);
    }

    public RuleRouter ruleRouter() {
        return router;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** PIDs of every process this runtime started and that still runs (function JVMs, moto). */
    public List<Long> childPids() {
        return processes == null ? List.of() : processes.live().stream().map(ProcessHandle::pid).toList();
    }

    /** Blocks until {@link #close()} ran (Ctrl-C in {@code make run}). */
    public void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the event sources first, so nothing new arrives, then the functions, then the emulator. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        quietly(gateway);
        quietly(scheduler);
        quietly(router);
        streamPollers.forEach(LocalRuntime::quietly);
        sqsPollers.forEach(LocalRuntime::quietly);
        quietly(async);
        pools.values().parallelStream().forEach(LocalRuntime::quietly);
        extraPools.parallelStream().forEach(LocalRuntime::quietly);
        quietly(clients);
        quietly(moto);
        quietly(processes);
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook is running or about to
            }
        }
        stopped.countDown();
    }

    private static void quietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            System.err.println("local runtime: stopping " + resource.getClass().getSimpleName() + ": " + e);
        }
    }
}
