package dev.breakwater.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's fault schedule: named phases, each lasting a while and making the fake New Relic
 * misbehave on some APIs. Read from JSON:
 *
 * <pre>
 * {"phases": [
 *   {"name": "healthy", "seconds": 4},
 *   {"name": "Event API answers 503", "seconds": 6, "events": {"status": 503}},
 *   {"name": "slow", "seconds": 6, "events": {"status": 504, "delayMillis": 3000}},
 *   {"name": "rate limited", "seconds": 5, "events": {"status": 429, "retryAfterSeconds": 1}},
 *   {"name": "NerdGraph errors", "seconds": 4,
 *    "nerdgraph": {"graphQlError": "INTERNAL_SERVER_ERROR", "message": "..."}},
 *   {"name": "dropped connections", "seconds": 3, "events": {"drop": true}}
 * ]}
 * </pre>
 *
 * Fault keys per API ({@code events}, {@code metrics}, {@code nerdgraph}): {@code status} with
 * optional {@code retryAfterSeconds} and {@code delayMillis}; {@code latencyMillis} (slow but
 * successful); {@code drop}; {@code graphQlError} with {@code message}. Immutable.
 */
record Scenario(String description, List<Phase> phases) {

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

  static Scenario bundled() {
    try (InputStream in = Scenario.class.getResourceAsStream("default-scenario.json")) {
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Scenario read(Path file) throws IOException {
    return parse(Files.readString(file));
  }

  /**
   * Parses a scenario.
   *
   * @throws IllegalArgumentException naming the phase and field that are wrong
   */
  static Scenario parse(String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("scenario is not valid JSON: " + e.getMessage(), e);
    }
    JsonNode phases = root.path("phases");
    if (!phases.isArray() || phases.isEmpty()) {
      throw new IllegalArgumentException("scenario needs a non-empty \"phases\" list");
    }
    List<Phase> result = new ArrayList<>();
    Duration start = Duration.ZERO;
    int index = 0;
    for (JsonNode p : phases) {
      index++;
      String name = p.path("name").asText("phase " + index);
      double seconds = p.path("seconds").asDouble(-1);
      if (!(seconds > 0)) {
        throw new IllegalArgumentException("phase '" + name + "': seconds must be > 0");
      }
      Map<Api, Fault> faults = new EnumMap<>(Api.class);
      fault(p.get("events"), name, false).ifPresent(f -> faults.put(Api.EVENTS, f));
      fault(p.get("metrics"), name, false).ifPresent(f -> faults.put(Api.METRICS, f));
      fault(p.get("nerdgraph"), name, true).ifPresent(f -> faults.put(Api.NERDGRAPH, f));
      Duration length = Duration.ofMillis(Math.round(seconds * 1000));
      result.add(new Phase(name, start, length, Map.copyOf(faults)));
      start = start.plus(length);
    }
    return new Scenario(root.path("description").asText(""), List.copyOf(result));
  }

  private static java.util.Optional<Fault> fault(JsonNode spec, String phase, boolean nerdGraph) {
    if (spec == null || spec.isNull()) {
      return java.util.Optional.empty();
    }
    String where = "phase '" + phase + "'";
    if (spec.has("graphQlError")) {
      if (!nerdGraph) {
        throw new IllegalArgumentException(where + ": graphQlError applies to nerdgraph only");
      }
      return java.util.Optional.of(Fault.graphQlError(spec.get("graphQlError").asText(),
          spec.path("message").asText("injected by the demo")));
    }
    if (spec.path("drop").asBoolean(false)) {
      return java.util.Optional.of(Fault.dropConnection());
    }
    if (spec.has("latencyMillis")) {
      return java.util.Optional.of(Fault.latency(Duration.ofMillis(spec.get("latencyMillis").asLong())));
    }
    if (spec.has("status")) {
      int status = spec.get("status").asInt();
      if (status < 200 || status > 599) {
        throw new IllegalArgumentException(where + ": status must be in [200, 599], was " + status);
      }
      Fault f = Fault.status(status);
      if (spec.has("retryAfterSeconds")) {
        f = f.withRetryAfter(Duration.ofSeconds(spec.get("retryAfterSeconds").asLong()));
      }
      if (spec.has("delayMillis")) {
        f = f.afterDelay(Duration.ofMillis(spec.get("delayMillis").asLong()));
      }
      return java.util.Optional.of(f);
    }
    throw new IllegalArgumentException(where + ": a fault needs status, latencyMillis, drop or graphQlError");
  }
}
