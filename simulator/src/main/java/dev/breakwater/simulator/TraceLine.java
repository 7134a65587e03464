package dev.breakwater.simulator;

/**
 * The trace file format, one call per line after the header {@value #HEADER}: milliseconds from
 * the start of the recording (whole or decimal, up to nanoseconds), the call's duration in
 * milliseconds, its outcome ({@code success}, {@code failure} or {@code timeout}) and an error
 * text that may be empty. The error {@value #REJECTED} marks a call the recording breaker
 * refused. Writes lines; {@link TraceReader} reads them. Stateless.
 */
final class TraceLine {
  static final String HEADER = "offset_ms,duration_ms,outcome,error";
  static final String SHORT_HEADER = "offset_ms,duration_ms,outcome";
  /** The error text of a call the recording breaker rejected: its outcome is a placeholder. */
  static final String REJECTED = "rejected";

  private TraceLine() {}

  /** Appends one line (without the line break). */
  static void append(StringBuilder line, long offsetNanos, long durationNanos, byte outcome, String error) {
    millis(line, offsetNanos);
    line.append(',');
    millis(line, durationNanos);
    line.append(',').append(Calls.outcomeName(outcome)).append(',');
    if (error != null) {
      field(line, error);
    }
  }

  /** Nanoseconds as milliseconds: whole, or with up to six decimals, trailing zeros dropped. */
  static void millis(StringBuilder out, long nanos) {
    out.append(nanos / 1_000_000L);
    long fraction = nanos % 1_000_000L;
    if (fraction != 0) {
      out.append('.');
      int start = out.length();
      String digits = Long.toString(fraction);
      for (int i = digits.length(); i < 6; i++) {
        out.append('0');
      }
      out.append(digits);
      int end = out.length();
      while (end > start && out.charAt(end - 1) == '0') {
        end--;
      }
      out.setLength(end);
    }
  }

  /** A text field, quoted (RFC 4180) only when it holds a comma, a quote or a line break. */
  private static void field(StringBuilder out, String text) {
    boolean quote = false;
    for (int i = 0; i < text.length() && !quote; i++) {
      char c = text.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    if (!quote) {
      out.append(text);
      return;
    }
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        out.append('"');
      }
      out.append(c == '\n' || c == '\r' ? ' ' : c);
    }
    out.append('"');
  }
}
