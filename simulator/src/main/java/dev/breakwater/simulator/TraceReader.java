package dev.breakwater.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Locale;

/**
 * Reads the trace format {@link TraceLine} describes, strictly: a malformed line is an
 * {@link IllegalArgumentException} that names its line number, the column and the value found;
 * nothing is skipped silently. Blank lines are allowed. Not thread-safe; one per trace.
 */
final class TraceReader {
  private static final long MAX_NANOS = 365L * 24 * 3_600 * 1_000_000_000L;
  private static final List<String> OUTCOMES = List.of("success", "failure", "timeout");
  private static final int SHOWN_MAX = 40;

  private final BufferedReader in;
  private final Calls.Builder calls = new Calls.Builder();
  private long lineNumber;

  private TraceReader(Reader in) {
    this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
  }

  /** Reads every line; rejected lines carry {@link Calls#FILLED} and a placeholder outcome. */
  static Calls read(Reader csv) throws IOException {
    TraceReader r = new TraceReader(csv);
    r.header();
    r.lines();
    return r.calls.build();
  }

  private void header() throws IOException {
    String line = in.readLine();
    lineNumber = 1;
    if (line == null) {
      throw new IllegalArgumentException("the trace is empty; it starts with the header " + TraceLine.HEADER);
    }
    if (line.startsWith("\uFEFF")) {
      line = line.substring(1);
    }
    String normalized = line.replace(" ", "").replace("\t", "").toLowerCase(Locale.ROOT);
    if (!normalized.equals(TraceLine.HEADER) && !normalized.equals(TraceLine.SHORT_HEADER)) {
      throw malformed("the first line must be the header " + TraceLine.HEADER + ", was " + shown(line));
    }
  }

  private void lines() throws IOException {
    String line;
    while ((line = in.readLine()) != null) {
      lineNumber++;
      if (!line.isBlank()) {
        parse(line);
      }
    }
  }

  private void parse(String line) {
    int c1 = line.indexOf(',');
    int c2 = c1 < 0 ? -1 : line.indexOf(',', c1 + 1);
    if (c2 < 0) {
      throw malformed("expected offset_ms,duration_ms,outcome[,error], found " + shown(line));
    }
    int c3 = line.indexOf(',', c2 + 1);
    long offset = millis(line.substring(0, c1), "offset_ms");
    long duration = millis(line.substring(c1 + 1, c2), "duration_ms");
    String outcomeText = (c3 < 0 ? line.substring(c2 + 1) : line.substring(c2 + 1, c3)).strip();
    byte outcome = outcome(outcomeText);
    String error = c3 < 0 ? "" : errorText(line.substring(c3 + 1));
    if (error.equals(TraceLine.REJECTED)) {
      outcome |= Calls.FILLED;
    }
    calls.add(offset, duration, outcome);
  }

  private long millis(String field, String column) {
    String v = field.strip();
    int dot = v.indexOf('.');
    String whole = dot < 0 ? v : v.substring(0, dot);
    String fraction = dot < 0 ? "" : v.substring(dot + 1);
    if (whole.isEmpty() || !digits(whole) || (dot >= 0 && (fraction.isEmpty() || !digits(fraction)))) {
      throw malformed(column + " must be a number of milliseconds >= 0, like 1250 or 12.5, was " + shown(field));
    }
    if (fraction.length() > 6) {
      throw malformed(column + " has more than six decimals (finer than a nanosecond): " + shown(field));
    }
    if (whole.length() > 12) {
      throw malformed(column + " must be at most a year, was " + shown(field));
    }
    long nanos = Long.parseLong(whole) * 1_000_000L;
    if (!fraction.isEmpty()) {
      long f = Long.parseLong(fraction);
      for (int i = fraction.length(); i < 6; i++) {
        f *= 10;
      }
      nanos += f;
    }
    if (nanos > MAX_NANOS) {
      throw malformed(column + " must be at most a year, was " + shown(field));
    }
    return nanos;
  }

  private static boolean digits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private byte outcome(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "success":
        return Calls.SUCCESS;
      case "failure":
        return Calls.FAILURE;
      case "timeout":
        return Calls.TIMEOUT;
      default:
        throw malformed("outcome must be success, failure or timeout, was " + shown(text)
            + Suggestions.closest(text, OUTCOMES).map(s -> " (did you mean " + s + "?)").orElse(""));
    }
  }

  /** The error field: plain to the end of the line, or one quoted field with "" for a quote. */
  private String errorText(String field) {
    String v = field.strip();
    if (!v.startsWith("\"")) {
      return v;
    }
    StringBuilder s = new StringBuilder();
    int i = 1;
    while (i < v.length()) {
      char c = v.charAt(i);
      if (c == '"') {
        if (i + 1 < v.length() && v.charAt(i + 1) == '"') {
          s.append('"');
          i += 2;
          continue;
        }
        if (i + 1 != v.length()) {
          throw malformed("unexpected text after the quoted error: " + shown(v.substring(i + 1)));
        }
        return s.toString();
      }
      s.append(c);
      i++;
    }
    throw malformed("the quoted error has no closing quote (a quoted error must fit on one line)");
  }

  private static String shown(String value) {
    return "'" + (value.length() <= SHOWN_MAX ? value : value.substring(0, SHOWN_MAX - 3) + "...") + "'";
  }

  private IllegalArgumentException malformed(String what) {
    return new IllegalArgumentException("line " + lineNumber + ": " + what);
  }
}
