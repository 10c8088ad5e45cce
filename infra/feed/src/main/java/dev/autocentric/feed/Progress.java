package dev.autocentric.feed;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * Shows how far a feed has got, on standard error: a bar redrawn in place on a terminal, a plain
 * line per request otherwise (a log or a CI job), or nothing. Notes (retries, warnings) are
 * printed on their own line without breaking the bar.
 */
final class Progress {

    enum Mode { BAR, LINES, OFF }

    private static final int WIDTH = 30;

    private final PrintStream err;
    private final Mode mode;
    private int drawn;

    Progress(PrintStream err, Mode mode) {
        this.err = err;
        this.mode = mode;
    }

    /** A bar when standard input and output are a terminal, else lines. */
    static Mode auto() {
        Console console = System.console();
        if (console == null) {
            return Mode.LINES;
        }
        try {
            // from JDK 22 a Console exists even when redirected; isTerminal() tells which
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console)) ? Mode.BAR : Mode.LINES;
        } catch (ReflectiveOperationException e) {
            return Mode.BAR;
        }
    }

    void update(int sent, int total, FeedReport.Counts counts) {
        switch (mode) {
            case BAR -> {
                int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * sent / total);
                String line = String.format(Locale.ROOT, "\r[%s%s] %d/%d rows %3d%%  stored %d  unchanged %d  rejected %d",
                        "#".repeat(filled), "-".repeat(WIDTH - filled), sent, total,
                        total == 0 ? 100 : (int) (100L * sent / total), counts.stored(), counts.unchanged(),
                        counts.rejected());
                int pad = Math.max(0, drawn - line.length());
                err.print(line + " ".repeat(pad));
                err.flush();
                drawn = line.length();
            }
            case LINES -> err.printf(Locale.ROOT, "progress: %d/%d rows sent (stored %d, unchanged %d, rejected %d)%n",
                    sent, total, counts.stored(), counts.unchanged(), counts.rejected());
            case OFF -> {
            }
        }
    }

    void note(String text) {
        if (mode == Mode.BAR && drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            drawn = 0;
        }
        err.println(text);
    }

    /** Ends the bar's line so what follows starts on a new one. */
    void finish() {
        if (mode == Mode.BAR && drawn > 0) {
            err.println();
            drawn = 0;
        }
    }
}
