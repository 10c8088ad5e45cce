package dev.autocentric.local.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScheduleExpressionTest {

    @ParameterizedTest
    @CsvSource({
            "rate(1 minute), PT1M",
            "rate(5 minutes), PT5M",
            "rate(1 hour), PT1H",
            "rate(12 hours), PT12H",
            "rate(1 day), PT24H",
            "rate(7 days), PT168H"})
    void parsesRates(String expression, Duration period) {
        var rate = assertInstanceOf(ScheduleExpression.Rate.class, ScheduleExpression.parse(expression));
        assertEquals(period, rate.period());
        Instant t = Instant.parse("2026-11-26T07:00:00Z");
        assertEquals(t.plus(period), rate.next(t));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // expression | after | next
            "cron(0 10 * * ? *)          | 2026-11-26T07:00:00Z | 2026-11-26T10:00:00Z",
            "cron(0 10 * * ? *)          | 2026-11-26T10:00:00Z | 2026-11-27T10:00:00Z",
            "cron(0/15 * * * ? *)        | 2026-11-26T07:01:30Z | 2026-11-26T07:15:00Z",
            "cron(15 12 ? * MON-FRI *)   | 2026-11-27T13:00:00Z | 2026-11-30T12:15:00Z",
            "cron(0 8 1 * ? *)           | 2026-11-26T07:00:00Z | 2026-12-01T08:00:00Z",
            "cron(0 0 ? * 1 *)           | 2026-11-26T07:00:00Z | 2026-11-29T00:00:00Z",
            "cron(30 6 ? * SUN,WED *)    | 2026-11-26T07:00:00Z | 2026-11-29T06:30:00Z",
            "cron(0 12 29 FEB ? *)       | 2026-03-01T00:00:00Z | 2028-02-29T12:00:00Z",
            "cron(5,35 14 * JUL-AUG ? 2027) | 2026-11-26T07:00:00Z | 2027-07-01T14:05:00Z",
            "cron(* * * * ? *)           | 2026-11-26T07:00:59Z | 2026-11-26T07:01:00Z"})
    void findsTheNextCronFiring(String expression, Instant after, Instant next) {
        assertEquals(next, ScheduleExpression.parse(expression).next(after));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "rate(0 minutes)", "rate(5 seconds)", "rate(minutes)", "every 5 minutes",
            "cron(0 10 * * *)", "cron(0 10 * * * *)", "cron(0 10 ? * ? *)", "cron(0 10 L * ? *)",
            "cron(0 10 ? * 6#3 *)", "cron(61 10 * * ? *)", "cron(0 10 * 13 ? *)"})
    void rejectsWhatItCannotHonour(String expression) {
        assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse(expression));
    }

    @Test
    void aCronInThePastNeverFires() {
        var expression = ScheduleExpression.parse("cron(0 0 1 1 ? 2020)");
        assertThrows(IllegalStateException.class, () -> expression.next(Instant.parse("2026-01-01T00:00:00Z")));
    }
}
