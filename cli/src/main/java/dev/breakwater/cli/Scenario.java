package dev.breakwater.cli;

import dev.breakwater.testkit.Api;
import dev.breakwater.testkit.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo's fault schedule: named phases, each lasting a while and making the fake New Relic
 * misbehave on some APIs. Read from JSON; {@link ScenarioFormat} documents the format and
 * {@link ScenarioParser} checks it. Immutable.
 */
record Scenario(String description, List<Phase> phases) {
  /** The largest scenario file read; anything bigger is a mistake (a log, a device). */
  static final int MAX_BYTES = 1 << 20;

  /** One stretch of the scenario. */
  record Phase(String name, Duration start, Duration length, Map<Api, Fault> faults) {
    Duration end() {
      return start.plus(length);
    }
  }

  Duration length() {
    return phases.isEmpty() ? Duration.ZERO : phases.get(phases.size() - 1).end();
  }

  /** The phase running {@code elapsed} into the scenario (the last one after its end). */
  Phase phaseAt(Duration elapsed) {
    for (Phase p : phases) {
      if (elapsed.compareTo(p.end()) < 0) {
        return p;
      }
    }
    return phases.get(phases.size() - 1);
  }

  /** The same phases, stretched or squeezed to last {@code total}. */
  Scenario scaledTo(Duration total) {
    double factor = (double) total.toNanos() / length().toNanos();
    List<Phase> scaled = new ArrayList<>();
    Duration start = Duration.ZERO;
    for (Phase p : phases) {
      Duration length = Duration.ofNanos(Math.round(p.length().toNanos() * factor));
      scaled.add(new Phase(p.name(), start, length, p.faults()));
      start = start.plus(length);
    }
    return new Scenario(description, List.copyOf(scaled));
  }

  /** What a live run shows: one phase, no faults, because against real New Relic it injects none. */
  static Scenario live() {
    return new Scenario("Live New Relic: no faults injected; whatever happened is real.",
        List.of(new Phase("live New Relic (no faults injected)", Duration.ZERO, Duration.ofSeconds(1), Map.of())));
  }

  static Scenario bundled() {
    try (InputStream in = Scenario.class.getResourceAsStream("default-scenario.json")) {
      return ScenarioParser.parse(JsonSyntax.parse(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a scenario file.
   *
   * @throws IllegalArgumentException saying what is wrong: the file does not exist, cannot be
   *     read, is not JSON (with line and column), or breaks the format (naming phase and key)
   */
  static Scenario read(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("the file does not exist");
    }
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("is a directory, not a file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot be read: " + Failures.describe(e).replace(file + ": ", ""));
    }
    if (bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException("is larger than 1 MB; is it really a scenario?");
    }
    return ScenarioParser.parse(JsonSyntax.parse(bytes));
  }

  /**
   * Parses a scenario from JSON text.
   *
   * @throws IllegalArgumentException naming the phase and key that are wrong
   */
  static Scenario parse(String json) {
    return ScenarioParser.parse(JsonSyntax.parse(json.getBytes(StandardCharsets.UTF_8)));
  }
}
