package dev.autocentric.local.events;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression: {@code rate(5 minutes)} or the six-field
 * {@code cron(minutes hours day-of-month month day-of-week year)}, in UTC. Supported cron
 * syntax: {@code * ? , - /}, month and day names; not {@code L W #}.
 */
public sealed interface ScheduleExpression {

    /** The first firing strictly after {@code after}. */
    Instant next(Instant after);

    static ScheduleExpression parse(String expression) {
        String text = expression.trim();
        if (text.startsWith("rate(") && text.endsWith(")")) {
            return Rate.parse(text.substring(5, text.length() - 1));
        }
        if (text.startsWith("cron(") && text.endsWith(")")) {
            return Cron.parse(text.substring(5, text.length() - 1));
        }
        throw new IllegalArgumentException("not a schedule expression: " + expression);
    }

    record Rate(Duration period) implements ScheduleExpression {
        private static final Pattern RATE = Pattern.compile("(\\d+)\\s+(minute|minutes|hour|hours|day|days)");

        static Rate parse(String body) {
            Matcher m = RATE.matcher(body.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("rate must be 'N minute(s)|hour(s)|day(s)': rate(" + body + ")");
            }
            long value = Long.parseLong(m.group(1));
            if (value <= 0) {
                throw new IllegalArgumentException("rate must be positive: rate(" + body + ")");
            }
            Duration unit = switch (m.group(2)) {
                case "minute", "minutes" -> Duration.ofMinutes(1);
                case "hour", "hours" -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            return new Rate(unit.multipliedBy(value));
        }

        @Override
        public Instant next(Instant after) {
            return after.plus(period);
        }
    }

    record Cron(BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek, BitSet years,
                boolean anyDayOfMonth, boolean anyDayOfWeek) implements ScheduleExpression {

        private static final List<String> MONTHS =
                List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
        private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
        private static final int FIRST_YEAR = 1970;
        private static final int LAST_YEAR = 2199;

        static Cron parse(String body) {
            String[] fields = body.trim().split("\\s+");
            if (fields.length != 6) {
                throw new IllegalArgumentException("cron needs 6 fields (minutes hours day-of-month month day-of-week year): cron(" + body + ")");
            }
            boolean domAny = fields[2].equals("?");
            boolean dowAny = fields[4].equals("?");
            if (domAny == dowAny) {
                throw new IllegalArgumentException("cron: exactly one of day-of-month and day-of-week must be '?': cron(" + body + ")");
            }
            return new Cron(
                    field(fields[0], 0, 59, List.of(), 0),
                    field(fields[1], 0, 23, List.of(), 0),
                    domAny ? all(1, 31) : field(fields[2], 1, 31, List.of(), 1),
                    field(fields[3], 1, 12, MONTHS, 1),
                    dowAny ? all(1, 7) : field(fields[4], 1, 7, DAYS, 1),
                    field(fields[5], FIRST_YEAR, LAST_YEAR, List.of(), FIRST_YEAR),
                    domAny, dowAny);
        }

        private static BitSet all(int min, int max) {
            var set = new BitSet();
            set.set(min, max + 1);
            return set;
        }

        private static BitSet field(String text, int min, int max, List<String> names, int firstNameValue) {
            var set = new BitSet();
            for (String part : text.toUpperCase(Locale.ROOT).split(",")) {
                int step = 1;
                String range = part;
                int slash = part.indexOf('/');
                if (slash >= 0) {
                    step = Integer.parseInt(part.substring(slash + 1));
                    range = part.substring(0, slash);
                    if (step <= 0) {
                        throw new IllegalArgumentException("cron: step must be positive: " + part);
                    }
                }
                int from;
                int to;
                if (range.equals("*") || range.equals("?")) {
                    from = min;
                    to = max;
                } else if (range.contains("-")) {
                    String[] ends = range.split("-", 2);
                    from = value(ends[0], names, firstNameValue);
                    to = value(ends[1], names, firstNameValue);
                } else {
                    from = value(range, names, firstNameValue);
                    to = slash >= 0 ? max : from;
                }
                if (from < min || to > max || from > to) {
                    throw new IllegalArgumentException("cron: '" + part + "' is outside " + min + "-" + max);
                }
                for (int v = from; v <= to; v += step) {
                    set.set(v);
                }
            }
            return set;
        }

        private static int value(String text, List<String> names, int firstNameValue) {
            int named = names.indexOf(text);
            if (named >= 0) {
                return named + firstNameValue;
            }
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(text.matches(".*[LW#].*")
                        ? "cron: '" + text + "' (L, W, #) is not supported locally"
                        : "cron: not a value: '" + text + "'");
            }
        }

        @Override
        public Instant next(Instant after) {
            LocalDateTime t = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            while (t.getYear() <= LAST_YEAR) {
                if (!years.get(t.getYear())) {
                    t = LocalDateTime.of(t.getYear() + 1, 1, 1, 0, 0);
                } else if (!months.get(t.getMonthValue())) {
                    t = t.withDayOfMonth(1).withHour(0).withMinute(0).plusMonths(1);
                } else if (!dayMatches(t)) {
                    t = t.withHour(0).withMinute(0).plusDays(1);
                } else if (!hours.get(t.getHour())) {
                    t = t.withMinute(0).plusHours(1);
                } else if (!minutes.get(t.getMinute())) {
                    t = t.plusMinutes(1);
                } else {
                    return t.toInstant(ZoneOffset.UTC);
                }
            }
            throw new IllegalStateException("cron never fires after " + after);
        }

        private boolean dayMatches(LocalDateTime t) {
            // AWS numbers days of the week 1 (SUN) to 7 (SAT)
            int dayOfWeek = t.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : t.getDayOfWeek().getValue() + 1;
            return (anyDayOfMonth || daysOfMonth.get(t.getDayOfMonth()))
                    && (anyDayOfWeek || daysOfWeek.get(dayOfWeek));
        }
    }
}
