package dev.breakwater.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.breakwater.testkit.Api;
import dev.breakwater.testkit.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a scenario's JSON tree into a {@link Scenario}, strictly: every key must be one of those
 * {@link ScenarioFormat} documents, every value of the right type and range, and each fault of
 * exactly one kind. A mistake is an {@link IllegalArgumentException} naming the phase, the key and
 * what was found (with a suggestion for a misspelling); nothing is silently ignored. Stateless.
 */
final class ScenarioParser {
  private static final Map<String, Api> APIS = Map.of(
      ScenarioFormat.EVENTS, Api.EVENTS, ScenarioFormat.METRICS, Api.METRICS,
      ScenarioFormat.NERDGRAPH, Api.NERDGRAPH);

  private ScenarioParser() {}

  static Scenario parse(JsonNode root) {
    if (!root.isObject()) {
      throw new IllegalArgumentException("a scenario is a JSON object with a \"phases\" list, not "
          + ScenarioValues.kind(root));
    }
    ScenarioValues.onlyKnownKeys(root, ScenarioFormat.ROOT_KEYS, "the top level");
    String description = ScenarioValues.text(root, "description", "the top level").orElse("");
    JsonNode phases = root.get("phases");
    if (phases == null || !phases.isArray() || phases.isEmpty()) {
      throw new IllegalArgumentException("a scenario needs a non-empty \"phases\" list"
          + (phases == null ? "" : ", was " + ScenarioValues.shown(phases)));
    }
    List<Scenario.Phase> result = new ArrayList<>();
    Duration start = Duration.ZERO;
    int index = 0;
    for (JsonNode p : phases) {
      index++;
      Scenario.Phase phase = phase(p, index, start);
      result.add(phase);
      start = phase.end();
    }
    return new Scenario(description, List.copyOf(result));
  }

  private static Scenario.Phase phase(JsonNode p, int index, Duration start) {
    String where = "phase " + index;
    if (!p.isObject()) {
      throw new IllegalArgumentException(where + ": a phase is an object like {\"name\": \"healthy\", "
          + "\"seconds\": 4}, not " + ScenarioValues.kind(p));
    }
    Optional<String> name = ScenarioValues.text(p, "name", where);
    if (name.isPresent()) {
      where += " ('" + name.get() + "')";
    }
    ScenarioValues.onlyKnownKeys(p, ScenarioFormat.PHASE_KEYS, where);
    JsonNode seconds = p.get("seconds");
    if (seconds == null) {
      throw new IllegalArgumentException(where + ": \"seconds\" is missing; give the phase's length, e.g. \"seconds\": 5");
    }
    if (!seconds.isNumber() || !(seconds.asDouble() > 0) || seconds.asDouble() > ScenarioFormat.MAX_SECONDS) {
      throw new IllegalArgumentException(where + ": seconds must be a number > 0 and <= "
          + ScenarioFormat.MAX_SECONDS + ", was " + ScenarioValues.shown(seconds));
    }
    Map<Api, Fault> faults = new EnumMap<>(Api.class);
    for (String key : List.of(ScenarioFormat.EVENTS, ScenarioFormat.METRICS, ScenarioFormat.NERDGRAPH)) {
      JsonNode spec = p.get(key);
      if (spec != null) {
        faults.put(APIS.get(key), fault(spec, where + ", " + key, APIS.get(key) == Api.NERDGRAPH));
      }
    }
    Duration length = Duration.ofMillis(Math.max(1, Math.round(seconds.asDouble() * 1000)));
    return new Scenario.Phase(name.orElse("phase " + index), start, length, Map.copyOf(faults));
  }

  private static Fault fault(JsonNode spec, String where, boolean nerdGraph) {
    if (!spec.isObject()) {
      throw new IllegalArgumentException(where + ": a fault is an object like {\"status\": 503}, not "
          + ScenarioValues.kind(spec));
    }
    ScenarioValues.onlyKnownKeys(spec, ScenarioFormat.FAULT_KEYS, where);
    List<String> kinds = new ArrayList<>();
    for (Iterator<String> keys = spec.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (ScenarioFormat.FAULT_KINDS.contains(key)) {
        kinds.add(key);
      }
    }
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException(where + ": a fault needs one of "
          + UsageErrors.join(ScenarioFormat.FAULT_KINDS) + " (leave it out for a healthy API)");
    }
    if (kinds.size() > 1) {
      throw new IllegalArgumentException(where + ": " + String.join(" and ", kinds)
          + " cannot be combined; a fault is of one kind");
    }
    String kind = kinds.get(0);
    onlyWith(spec, where, kind, "retryAfterSeconds", "status");
    onlyWith(spec, where, kind, "delayMillis", "status");
    onlyWith(spec, where, kind, "message", "graphQlError");
    switch (kind) {
      case "status": {
        Fault f = Fault.status((int) ScenarioValues.whole(spec, "status", where, 200, 599));
        if (spec.has("retryAfterSeconds")) {
          f = f.withRetryAfter(Duration.ofSeconds(ScenarioValues.whole(spec, "retryAfterSeconds", where, 0, 3_600)));
        }
        if (spec.has("delayMillis")) {
          f = f.afterDelay(Duration.ofMillis(ScenarioValues.whole(spec, "delayMillis", where, 0, 600_000)));
        }
        return f;
      }
      case "latencyMillis":
        return Fault.latency(Duration.ofMillis(ScenarioValues.whole(spec, "latencyMillis", where, 0, 600_000)));
      case "drop":
        if (!spec.get("drop").isBoolean() || !spec.get("drop").asBoolean()) {
          throw new IllegalArgumentException(where + ": drop must be true (leave the fault out for a healthy API), was "
              + ScenarioValues.shown(spec.get("drop")));
        }
        return Fault.dropConnection();
      default:
        return graphQlError(spec, where, nerdGraph);
    }
  }

  private static Fault graphQlError(JsonNode spec, String where, boolean nerdGraph) {
    if (!nerdGraph) {
      throw new IllegalArgumentException(where + ": graphQlError applies to nerdgraph only");
    }
    String errorClass = ScenarioValues.text(spec, "graphQlError", where).orElseThrow();
    List<String> known = ScenarioFormat.GRAPHQL_ERROR_CLASSES;
    if (!known.contains(errorClass)) {
      throw new IllegalArgumentException(where + ": unknown graphQlError '" + errorClass + "'"
          + Suggestions.closest(errorClass, known).map(s -> " (did you mean " + s + "?)")
              .orElse("; use " + UsageErrors.join(List.copyOf(known))));
    }
    return Fault.graphQlError(errorClass,
        ScenarioValues.text(spec, "message", where).orElse("injected by the demo"));
  }

  private static void onlyWith(JsonNode spec, String where, String kind, String key, String needed) {
    if (spec.has(key) && !kind.equals(needed)) {
      throw new IllegalArgumentException(where + ": " + key + " goes with " + needed + ", not with " + kind);
    }
  }
}
