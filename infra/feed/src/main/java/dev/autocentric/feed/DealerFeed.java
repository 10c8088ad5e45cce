package dev.autocentric.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The dealer feed command: reads a dealer's CSV export, maps each row to a vehicle, sends the
 * vehicles in batches to the inventory batch route and reports every rejected row by its row
 * number. See {@link FeedOptions#USAGE} for the command line and exit status.
 *
 * <p>A VIN may appear once in a feed: a later row with a VIN already seen is refused, since sending
 * both would store whichever came last and a second run would then change the vehicle again.
 */
public final class DealerFeed {

    static final int OK = 0;
    static final int ROWS_REJECTED = 1;
    static final int STOPPED = 2;
    /** The API reads at most 1 MiB of batch body; requests stay below with room to spare. */
    static final int MAX_REQUEST_BYTES = 900 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private DealerFeed() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err, d -> Thread.sleep(d.toMillis())));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err,
                   InventoryBatchClient.Pause pause) {
        FeedOptions options;
        try {
            options = FeedOptions.parse(args, env);
        } catch (FeedOptions.UsageException e) {
            err.println("dealer-feed: " + e.getMessage());
            err.println("run with --help for the options");
            return STOPPED;
        }
        if (options.help()) {
            out.print(FeedOptions.usage());
            return OK;
        }
        Progress progress = new Progress(err, options.progress());
        try {
            return feed(options, env, out, progress, pause);
        } catch (Stop e) {
            progress.finish();
            err.println("dealer-feed: " + e.getMessage());
            return STOPPED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("dealer-feed: interrupted");
            return STOPPED;
        }
    }

    /** The feed cannot start. */
    private static final class Stop extends Exception {
        Stop(String message) {
            super(message);
        }
    }

    private static int feed(FeedOptions options, Map<String, String> env, PrintStream out, Progress progress,
                            InventoryBatchClient.Pause pause) throws Stop, InterruptedException {
        long started = System.nanoTime();
        String credential = options.dryRun() ? "" : credential(options, env);
        List<CsvReader.Row> rows = rows(options.export(), progress::note);
        ExportHeader header;
        try {
            header = ExportHeader.read(rows.getFirst().fields());
        } catch (ExportHeader.UnusableHeaderException e) {
            throw new Stop("row " + rows.getFirst().number() + " (the header): " + e.getMessage());
        }
        if (!header.ignored().isEmpty()) {
            progress.note("note: ignoring columns " + String.join(", ", header.ignored()));
        }
        if (!header.missingRequired().isEmpty()) {
            progress.note("warning: the export has no " + String.join(", ", header.missingRequired().stream()
                    .map(ExportColumn::label).toList()) + " column; the API will reject every row without it");
        }

        VehicleMapping mapping = new VehicleMapping(header);
        FeedReport report = new FeedReport();
        List<VehicleMapping.Vehicle> vehicles = new ArrayList<>();
        Map<String, Integer> rowOfVin = new HashMap<>();
        int dataRows = 0;
        for (CsvReader.Row row : rows.subList(1, rows.size())) {
            if (row.blank()) {
                continue;
            }
            dataRows++;
            VehicleMapping.Mapped mapped = mapping.map(row);
            Integer earlier = mapped.vin().isEmpty() ? null : rowOfVin.putIfAbsent(mapped.vin(), row.number());
            if (earlier != null) {
                report.refused(row.number(), mapped.vin(), List.of(mapping.reason(ExportColumn.VIN,
                        "the same VIN is on row " + earlier + "; a feed may name each vehicle once")));
            } else if (mapped instanceof VehicleMapping.Refused refused) {
                report.refused(row.number(), refused.vin(), refused.reasons());
            } else if (mapped instanceof VehicleMapping.Vehicle vehicle) {
                vehicles.add(vehicle);
            }
        }

        if (options.dryRun()) {
            progress.note("dry run: " + vehicles.size() + " of " + dataRows + " rows would be sent; nothing was sent");
            report.notSent(vehicles.size());
            report.print(out, dataRows, (System.nanoTime() - started) / 1_000_000);
            return report.anyRejected() ? ROWS_REJECTED : OK;
        }

        InventoryBatchClient client = new InventoryBatchClient(options.api(), options.dealerId(), credential,
                options.timeout(), options.retries(), pause, progress::note);
        List<List<VehicleMapping.Vehicle>> batches = batches(vehicles, options.batchSize());
        progress.note("sending " + vehicles.size() + " of " + dataRows + " rows to " + client.route() + " in "
                + batches.size() + " request(s)");
        int sent = 0;
        progress.update(0, vehicles.size(), report.counts());
        for (List<VehicleMapping.Vehicle> batch : batches) {
            List<InventoryBatchClient.ItemAnswer> answers;
            try {
                answers = client.send(batch.stream().map(VehicleMapping.Vehicle::body).toList());
            } catch (InventoryBatchClient.FeedStoppedException e) {
                progress.finish();
                progress.note("dealer-feed: stopped: " + e.getMessage());
                report.notSent(vehicles.size() - sent);
                report.print(out, dataRows, (System.nanoTime() - started) / 1_000_000);
                return STOPPED;
            }
            for (int i = 0; i < batch.size(); i++) {
                record(report, mapping, batch.get(i), answers.get(i));
            }
            sent += batch.size();
            progress.update(sent, vehicles.size(), report.counts());
        }
        progress.finish();
        report.print(out, dataRows, (System.nanoTime() - started) / 1_000_000);
        return report.anyRejected() ? ROWS_REJECTED : OK;
    }

    private static void record(FeedReport report, VehicleMapping mapping, VehicleMapping.Vehicle vehicle,
                               InventoryBatchClient.ItemAnswer answer) {
        switch (answer.status()) {
            case "stored" -> report.stored();
            case "unchanged" -> report.unchanged();
            default -> {
                List<String> reasons = new ArrayList<>();
                for (InventoryBatchClient.ItemError error : answer.errors()) {
                    ExportColumn column = ExportColumn.forApiField(error.field());
                    reasons.add(column != null ? mapping.reason(column, error.message())
                            : error.field() != null ? error.field() + ": " + error.message() : error.message());
                }
                if (reasons.isEmpty()) {
                    reasons.add("the API answered \"" + answer.status() + "\" without a reason");
                }
                report.rejectedByApi(vehicle.row(), vehicle.vin(), reasons);
            }
        }
    }

    /** Consecutive runs of vehicles, at most {@code size} and {@link #MAX_REQUEST_BYTES} each. */
    static List<List<VehicleMapping.Vehicle>> batches(List<VehicleMapping.Vehicle> vehicles, int size) {
        List<List<VehicleMapping.Vehicle>> batches = new ArrayList<>();
        List<VehicleMapping.Vehicle> current = new ArrayList<>();
        long bytes = 0;
        for (VehicleMapping.Vehicle vehicle : vehicles) {
            long itemBytes = jsonBytes(vehicle.body()) + 1;
            if (!current.isEmpty() && (current.size() >= size || bytes + itemBytes > MAX_REQUEST_BYTES)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(vehicle);
            bytes += itemBytes;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    private static int jsonBytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body).length;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String credential(FeedOptions options, Map<String, String> env) throws Stop {
        String credential;
        String source;
        if (options.credentialFile() != null) {
            source = options.credentialFile().toString();
            try {
                credential = Files.readString(options.credentialFile()).strip();
            } catch (IOException e) {
                throw new Stop("cannot read the credential file " + source + ": " + e.getMessage());
            }
        } else {
            source = "$" + FeedOptions.CREDENTIAL_VARIABLE;
            credential = env.getOrDefault(FeedOptions.CREDENTIAL_VARIABLE, "").strip();
            if (credential.isEmpty()) {
                throw new Stop("no credential: pass --credential-file <file> or set $"
                        + FeedOptions.CREDENTIAL_VARIABLE);
            }
        }
        if (credential.isEmpty() || credential.chars().anyMatch(c -> c <= ' ')) {
            throw new Stop(source + " must hold the dealer's credential alone, on one line");
        }
        return credential;
    }

    private static List<CsvReader.Row> rows(Path export, Consumer<String> note) throws Stop {
        byte[] bytes;
        try {
            bytes = export.toString().equals("-") ? System.in.readAllBytes() : Files.readAllBytes(export);
        } catch (IOException e) {
            throw new Stop("cannot read " + export + ": " + e);
        }
        CsvReader reader = new CsvReader(new StringReader(text(bytes, note)));
        List<CsvReader.Row> rows = new ArrayList<>();
        try {
            for (CsvReader.Row row = reader.next(); row != null; row = reader.next()) {
                if (rows.isEmpty() && row.blank()) {
                    continue;
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new Stop(export + ": " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new Stop(export + " is empty: no header row");
        }
        return rows;
    }

    /** The file as text: UTF-8 when it is valid UTF-8, else Windows-1252, which older exports use. */
    static String text(byte[] bytes, Consumer<String> note) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            note.accept("note: the file is not UTF-8; reading it as Windows-1252");
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }
}
