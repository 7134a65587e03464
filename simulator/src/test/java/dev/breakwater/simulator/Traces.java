package dev.breakwater.simulator;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;

/** Trace workloads written inline, for tests. */
final class Traces {
  private Traces() {}

  /** A workload from trace lines; the header is added. */
  static Workload of(String... lines) {
    return parse(TraceLine.HEADER + "\n" + String.join("\n", lines) + "\n");
  }

  static Workload parse(String csv) {
    try {
      return Workload.trace(new StringReader(csv), "test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
