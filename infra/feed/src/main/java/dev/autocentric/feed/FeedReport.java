package dev.autocentric.feed;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What became of each row: rejected rows with their reasons (refused here before sending, or
 * rejected by the API), and counts of stored, unchanged and rejected rows.
 *
 * <p>Printed as one line per rejected row, in row order, {@code row <n> (VIN <vin>): <reason>; ...},
 * then one summary line {@code summary: <s> stored, <u> unchanged, <r> rejected ...}.
 */
final class FeedReport {

    /** Counts so far. */
    record Counts(int stored, int unchanged, int rejected) {
    }

    private record Rejection(String vin, List<String> reasons, boolean byApi) {
    }

    private final Map<Integer, Rejection> rejected = new TreeMap<>();
    private int stored;
    private int unchanged;
    private int notSent;

    void stored() {
        stored++;
    }

    void unchanged() {
        unchanged++;
    }

    void refused(int row, String vin, List<String> reasons) {
        rejected.put(row, new Rejection(vin, List.copyOf(reasons), false));
    }

    void rejectedByApi(int row, String vin, List<String> reasons) {
        rejected.put(row, new Rejection(vin, List.copyOf(reasons), true));
    }

    void notSent(int rows) {
        notSent += rows;
    }

    Counts counts() {
        return new Counts(stored, unchanged, rejected.size());
    }

    boolean anyRejected() {
        return !rejected.isEmpty();
    }

    void print(PrintStream out, int rows, long millis) {
        if (!rejected.isEmpty()) {
            out.println("rejected rows (numbered as a spreadsheet shows them; the header is row 1):");
            rejected.forEach((row, r) -> out.println("row " + row + " (" + (r.vin().isEmpty() ? "no VIN" : "VIN " + r.vin())
                    + "): " + String.join("; ", r.reasons())));
        }
        long byApi = rejected.values().stream().filter(Rejection::byApi).count();
        out.printf(Locale.ROOT, "summary: %d stored, %d unchanged, %d rejected (%d before sending, %d by the API)%s"
                        + "; %d rows read in %.1f s%n",
                stored, unchanged, rejected.size(), rejected.size() - byApi, byApi,
                notSent > 0 ? ", " + notSent + " not sent" : "", rows, millis / 1000.0);
    }
}
