package dev.breakwater.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Durations in the demo's syntax: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, a decimal
 * amount ({@code 1.5s}), a bare number of seconds, or ISO-8601 ({@code PT10S}); and back, in the
 * largest whole unit, which is also what Spring Boot's simple duration format reads. Stateless.
 */
final class Durations {
  private static final Duration MAX = Duration.ofDays(365);

  private Durations() {}

  /** The duration {@code text} names, or empty if it names none (or one longer than a year). */
  static Optional<Duration> parse(String text) {
    String v = text.strip().toLowerCase(Locale.ROOT);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      Duration d;
      if (v.startsWith("pt") || v.startsWith("-pt")) {
        d = Duration.parse(v.toUpperCase(Locale.ROOT));
      } else {
        long unitNanos;
        String number;
        if (v.endsWith("ms")) {
          unitNanos = 1_000_000L;
          number = v.substring(0, v.length() - 2);
        } else if (v.endsWith("s")) {
          unitNanos = 1_000_000_000L;
          number = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
          unitNanos = 60_000_000_000L;
          number = v.substring(0, v.length() - 1);
        } else if (v.endsWith("h")) {
          unitNanos = 3_600_000_000_000L;
          number = v.substring(0, v.length() - 1);
        } else {
          unitNanos = 1_000_000_000L;
          number = v;
        }
        number = number.strip();
        if (!number.matches("-?\\d+(\\.\\d+)?")) {
          return Optional.empty();
        }
        BigDecimal nanos = new BigDecimal(number).multiply(BigDecimal.valueOf(unitNanos));
        if (nanos.abs().compareTo(BigDecimal.valueOf(MAX.toNanos())) > 0) {
          return Optional.empty();
        }
        d = Duration.ofNanos(nanos.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
      }
      return d.abs().compareTo(MAX) > 0 ? Optional.empty() : Optional.of(d);
    } catch (DateTimeParseException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  /** {@code d} in the largest whole unit: {@code 2m}, {@code 10s}, {@code 1500ms}; ISO below 1 ms. */
  static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos % 1_000_000L != 0) {
      return d.toString();
    }
    long millis = nanos / 1_000_000L;
    if (millis != 0 && millis % 3_600_000L == 0) {
      return millis / 3_600_000L + "h";
    }
    if (millis != 0 && millis % 60_000L == 0) {
      return millis / 60_000L + "m";
    }
    if (millis % 1_000L == 0) {
      return millis / 1_000L + "s";
    }
    return millis + "ms";
  }

  /**
   * {@code d} for people: to the millisecond below two minutes ({@code 410 ms}, {@code 2.91 s}),
   * then to the second ({@code 3 m 5 s}, {@code 60 m}), from two hours to the minute ({@code 2 h 5 m}).
   */
  static String readable(Duration d) {
    long millis = d.toMillis();
    if (millis < 1_000) {
      return millis + " ms";
    }
    if (millis < 120_000) {
      return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + " s";
    }
    long seconds = Math.round(millis / 1000.0);
    if (seconds < 7_200) {
      return seconds / 60 + " m" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
    long minutes = Math.round(seconds / 60.0);
    return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " m");
  }

  /** Nanoseconds as milliseconds, exact, for JSON: {@code 410}, {@code 2.5}, {@code 0.000125}. */
  static String millis(long nanos) {
    return BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString();
  }
}
