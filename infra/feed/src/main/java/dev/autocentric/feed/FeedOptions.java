package dev.autocentric.feed;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The command line of the dealer feed; {@link #USAGE} is its help text. */
record FeedOptions(URI api, String dealerId, Path credentialFile, Path export, int batchSize, int retries,
                   Duration timeout, Progress.Mode progress, boolean dryRun, boolean help) {

    static final String CREDENTIAL_VARIABLE = "AUTOCENTRIC_DEALER_CREDENTIAL";
    static final String API_VARIABLE = "AUTOCENTRIC_API";
    static final int MAX_BATCH = 500;

    static final String USAGE = """
            Usage: java -jar dealer-feed.jar --dealer <dealerId> [options] <export.csv>

            Pushes a dealer's inventory export (CSV) to AutoCentric, up to 500 vehicles a request
            (POST /v1/dealers/{dealerId}/inventory/batch), and reports every row that was not taken
            by its spreadsheet row number (the header is row 1) with the reasons. Running the same
            file again is safe: vehicles that did not change are answered "unchanged" and not written.

            Options:
              --api <url>               the API (default: $AUTOCENTRIC_API, else http://localhost:3000)
              --dealer <id>             the dealer whose stock the file is (required)
              --credential-file <file>  a file holding the dealer's credential (acd_...). Without it the
                                        credential is read from $AUTOCENTRIC_DEALER_CREDENTIAL; it is never
                                        taken from the command line, where other users could read it.
              --batch-size <n>          vehicles per request, 1 to 500 (default 500)
              --retries <n>             times a request is sent again after a 429 or 5xx answer, or
                                        none (default 5, with doubling pauses)
              --timeout <seconds>       how long to wait for one answer (default 120)
              --progress <mode>         auto (a bar on a terminal, lines otherwise), bar, lines or off
              --dry-run                 read and check the file; send nothing
              --help                    this text

            Columns (headers match in any case, ignoring spaces and punctuation, "#" read as "number";
            other columns are ignored):
            %s
            Values: condition New/Used/Certified (or NEW/USED/CPO); body, fuel, drivetrain and
            transmission in the usual wordings ("Sport Utility", "Gas/Electric Hybrid", "4x4",
            "8-Speed Automatic") or as the API writes them; MSRP and internet price in dollars
            ("$27,499.00"); photo URLs separated by | or commas; listed yes/no (default yes).

            Exit status:
              0  every row was stored or unchanged
              1  at least one row was rejected (here, or by the API); every other row was sent
              2  the feed could not run or stopped: bad arguments, an unreadable file or header, the
                 API refused the credential, or it stayed unavailable through the retries
            """;

    /** The command line is not usable; the message says why. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static String usage() {
        StringBuilder columns = new StringBuilder();
        for (ExportColumn column : ExportColumn.values()) {
            columns.append(String.format("  %-16s %s%n", column.label(), String.join(", ", column.names())));
        }
        return USAGE.formatted(columns.toString().stripTrailing());
    }

    static FeedOptions parse(String[] args, Map<String, String> env) throws UsageException {
        String api = env.getOrDefault(API_VARIABLE, "http://localhost:3000");
        String dealerId = null;
        Path credentialFile = null;
        int batchSize = MAX_BATCH;
        int retries = 5;
        Duration timeout = Duration.ofSeconds(120);
        Progress.Mode progress = null;
        boolean dryRun = false;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> {
                    return new FeedOptions(null, null, null, null, batchSize, retries, timeout, Progress.Mode.OFF,
                            false, true);
                }
                case "--dry-run" -> dryRun = true;
                case "--api", "--dealer", "--credential-file", "--batch-size", "--retries", "--timeout", "--progress" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--api" -> api = value;
                        case "--dealer" -> dealerId = value.strip();
                        case "--credential-file" -> credentialFile = Path.of(value);
                        case "--batch-size" -> batchSize = number(name, value, 1, MAX_BATCH);
                        case "--retries" -> retries = number(name, value, 0, 20);
                        case "--timeout" -> timeout = Duration.ofSeconds(number(name, value, 1, 3600));
                        default -> progress = progress(value);
                    }
                }
                case "--credential", "--token" -> throw new UsageException(
                        "the credential is not taken on the command line; use --credential-file or $"
                                + CREDENTIAL_VARIABLE);
                default -> {
                    if (arg.startsWith("--") || (arg.startsWith("-") && arg.length() > 1)) {
                        throw new UsageException("unknown option " + arg);
                    }
                    files.add(arg);
                }
            }
        }
        if (dealerId == null || dealerId.isEmpty()) {
            throw new UsageException("--dealer <dealerId> is required");
        }
        if (files.size() != 1) {
            throw new UsageException(files.isEmpty() ? "name the CSV export to send"
                    : "name one CSV export, not " + files.size());
        }
        return new FeedOptions(api(api), dealerId, credentialFile, Path.of(files.getFirst()), batchSize, retries, timeout,
                progress == null ? Progress.auto() : progress, dryRun, false);
    }

    private static URI api(String value) throws UsageException {
        try {
            URI uri = URI.create(value.strip());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new UsageException("--api must be an http or https URL, was " + value);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--api must be an http or https URL, was " + value);
        }
    }

    private static int number(String name, String value, int min, int max) throws UsageException {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new UsageException(name + " must be a whole number from " + min + " to " + max + ", was " + value);
    }

    private static Progress.Mode progress(String value) throws UsageException {
        return switch (value.strip()) {
            case "auto" -> Progress.auto();
            case "bar" -> Progress.Mode.BAR;
            case "lines" -> Progress.Mode.LINES;
            case "off", "none" -> Progress.Mode.OFF;
            default -> throw new UsageException("--progress must be auto, bar, lines or off, was " + value);
        };
    }
}
