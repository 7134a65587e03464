package dev.breakwater.simulator;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The traffic a simulation replays: calls (when each started, how long it took, what the
 * dependency answered) and the phases of the workload, some of them faults. Made from a recorded
 * trace ({@link #trace(Path)}), a seeded synthetic description ({@link #synthetic(long)}) or the
 * demo's scenario file format ({@link #scenario(Path)}).
 *
 * <p>Immutable and thread-safe: one workload can be replayed against many configurations at once.
 */
public final class Workload {
  private final String description;
  private final Calls calls;
  private final List<Phase> phases;
  private final long lengthNanos;

  Workload(String description, Calls calls, List<Phase> phases) {
    if (phases.isEmpty()) {
      throw new IllegalArgumentException("a workload needs at least one phase");
    }
    this.description = description;
    this.calls = calls;
    this.phases = List.copyOf(phases);
    this.lengthNanos = Math.max(calls.lastEnd(), phases.get(phases.size() - 1).end().toNanos());
  }

  /**
   * One stretch of a workload: healthy, or a fault of the dependency (figures such as detection
   * and recovery delay are computed for faults).
   *
   * @param name the phase's name, unique within the workload
   * @param start when the phase starts, from the workload's start
   * @param end when the phase ends (exclusive)
   * @param fault whether the dependency is failing during the phase
   */
  public record Phase(String name, Duration start, Duration end, boolean fault) {
    /**
     * Checks the phase.
     *
     * @param name the phase's name, unique within the workload
     * @param start when the phase starts, from the workload's start
     * @param end when the phase ends (exclusive)
     * @param fault whether the dependency is failing during the phase
     * @throws IllegalArgumentException if the name is blank or the phase does not end after it starts
     * @throws NullPointerException if an argument is null
     */
    public Phase {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      if (name.isBlank()) {
        throw new IllegalArgumentException("a phase's name must not be blank");
      }
      if (start.isNegative() || end.compareTo(start) <= 0) {
        throw new IllegalArgumentException("phase '" + name + "' must end after it starts, was "
            + start + " to " + end);
      }
    }

    /**
     * Returns how long the phase lasts.
     *
     * @return the phase's length
     */
    public Duration length() {
      return end.minus(start);
    }
  }

  /**
   * Reads a trace file: a header line {@code offset_ms,duration_ms,outcome,error}, then one line
   * per call. Lines may come in any order; calls are replayed in order of {@code offset_ms}.
   * Lines whose {@code error} is {@code rejected} stand for calls the recording breaker refused;
   * their outcome is filled in from the nearest recorded call. Fault phases are found in the
   * outcomes: runs of one-second buckets in which more than half of the calls failed.
   *
   * @param file the CSV file, UTF-8
   * @return the workload
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if the file breaks the format, naming the file and the line
   */
  public static Workload trace(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return trace(in, file.toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a trace from {@code csv}, as {@link #trace(Path)} does.
   *
   * @param csv the trace's text; not closed
   * @param source what to call the trace in the description, such as a file name
   * @return the workload
   * @throws IOException if {@code csv} cannot be read
   * @throws IllegalArgumentException if the text breaks the format, naming the line
   */
  public static Workload trace(Reader csv, String source) throws IOException {
    Calls calls = GapFiller.fill(TraceReader.read(csv));
    if (calls.size == 0) {
      throw new IllegalArgumentException("the trace holds no calls, only the header");
    }
    return new Workload("trace " + source, calls, FaultDetector.phases(calls));
  }

  /**
   * Starts a synthetic workload: phases with a call rate, an error probability and a log-normal
   * latency, drawn from a generator seeded with {@code seed}, so the same description and seed
   * always give the same calls.
   *
   * @param seed the seed of every random draw
   * @return a builder for the phases
   */
  public static SyntheticWorkload synthetic(long seed) {
    return new SyntheticWorkload(seed);
  }

  /**
   * Starts a workload from a scenario file in the format of {@code breakwater demo --scenario}:
   * calls to one of the demo's APIs at a steady rate, failing as the scenario's faults for that
   * API make them fail.
   *
   * @param file the scenario file
   * @return a builder for the traffic's settings
   * @throws NullPointerException if {@code file} is null
   */
  public static ScenarioWorkload scenario(Path file) {
    return new ScenarioWorkload(Objects.requireNonNull(file, "file"));
  }

  /**
   * Writes the workload as a trace file that {@link #trace(Path)} reads back. Calls whose
   * outcome was filled in are written as {@code rejected} lines; ignored calls (scenario
   * workloads only) are left out, as {@link TraceRecorder} leaves them out.
   *
   * @param file where to write; replaced if it exists
   * @throws IOException if the file cannot be written
   */
  public void writeTrace(Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writeTrace(out);
    }
  }

  void writeTrace(Writer out) throws IOException {
    StringBuilder line = new StringBuilder(64);
    out.write(TraceLine.HEADER);
    out.write('\n');
    for (int i = 0; i < calls.size; i++) {
      byte o = calls.outcomes[i];
      if ((o & Calls.OUTCOME_MASK) == Calls.IGNORED) {
        continue;
      }
      line.setLength(0);
      TraceLine.append(line, calls.starts[i], calls.durations[i], o,
          (o & Calls.FILLED) != 0 ? TraceLine.REJECTED : "");
      out.append(line).append('\n');
    }
  }

  /**
   * Returns what the workload is, in words: its source and, for synthetic workloads, the seed.
   *
   * @return the workload's description
   */
  public String description() {
    return description;
  }

  /**
   * Returns the phases in order; together they cover the workload.
   *
   * @return the phases, immutable
   */
  public List<Phase> phases() {
    return phases;
  }

  /**
   * Returns the number of calls.
   *
   * @return how many calls the workload holds
   */
  public int callCount() {
    return calls.size;
  }

  /**
   * Returns how long the workload lasts: until the last phase or the last call ends.
   *
   * @return the workload's length
   */
  public Duration length() {
    return Duration.ofNanos(lengthNanos);
  }

  Calls calls() {
    return calls;
  }

  long lengthNanos() {
    return lengthNanos;
  }

  @Override
  public String toString() {
    return "Workload{" + description + ", " + calls.size + " calls, " + phases.size() + " phases}";
  }
}
