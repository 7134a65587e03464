package dev.breakwater.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's scenario file format ({@code breakwater demo --scenario}), read as strictly as the
 * demo reads it: the keys {@code description} and {@code phases}; per phase {@code name},
 * {@code seconds} and a fault for each of {@code events}, {@code metrics} and {@code nerdgraph};
 * each fault exactly one of {@code status} (with {@code retryAfterSeconds}, {@code delayMillis}),
 * {@code latencyMillis}, {@code drop} or {@code graphQlError} (with {@code message}). A mistake is
 * an {@link IllegalArgumentException} naming the phase and the key. Immutable.
 */
record ScenarioFile(String description, List<Phase> phases) {
  static final List<String> APIS = List.of("events", "metrics", "nerdgraph");
  static final List<String> TRANSIENT_GRAPHQL_ERRORS = List.of("TIMEOUT", "INTERNAL_SERVER_ERROR", "SERVER_ERROR");
  private static final List<String> GRAPHQL_ERRORS = List.of("TIMEOUT", "INTERNAL_SERVER_ERROR", "SERVER_ERROR",
      "VALIDATION_ERROR", "INVALID_INPUT", "FORBIDDEN");
  private static final List<String> ROOT_KEYS = List.of("description", "phases");
  private static final List<String> PHASE_KEYS = List.of("name", "seconds", "events", "metrics", "nerdgraph");
  private static final List<String> FAULT_KINDS = List.of("status", "latencyMillis", "drop", "graphQlError");
  private static final List<String> FAULT_KEYS = List.of("status", "retryAfterSeconds", "delayMillis",
      "latencyMillis", "drop", "graphQlError", "message");
  private static final int MAX_SECONDS = 86_400;
  private static final int SHOWN_MAX = 40;

  /** One phase: its name, length, and the fault of each API that has one. */
  record Phase(String name, long lengthNanos, Map<String, Fault> faults) {}

  /**
   * One API's fault: its kind ({@code status}, {@code latencyMillis}, {@code drop} or
   * {@code graphQlError}), the HTTP status, the delay before a status answer or the added latency
   * in milliseconds, and the GraphQL error class.
   */
  record Fault(String kind, int status, long delayMillis, String graphQlError) {}

  static ScenarioFile parse(String json) {
    Object root = JsonReader.parse(json);
    if (!(root instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("a scenario is a JSON object with a \"phases\" list, not " + kind(root));
    }
    onlyKnownKeys(map, ROOT_KEYS, "the top level");
    String description = text(map, "description", "the top level").orElse("");
    Object phases = map.get("phases");
    if (!(phases instanceof List<?> list) || list.isEmpty()) {
      throw new IllegalArgumentException("a scenario needs a non-empty \"phases\" list"
          + (phases == null ? "" : ", was " + shown(phases)));
    }
    List<Phase> result = new ArrayList<>();
    int index = 0;
    for (Object p : list) {
      result.add(phase(p, ++index));
    }
    return new ScenarioFile(description, List.copyOf(result));
  }

  private static Phase phase(Object p, int index) {
    String where = "phase " + index;
    if (!(p instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(where + ": a phase is an object like {\"name\": \"healthy\", "
          + "\"seconds\": 4}, not " + kind(p));
    }
    Optional<String> name = text(map, "name", where);
    if (name.isPresent()) {
      where += " ('" + name.get() + "')";
    }
    onlyKnownKeys(map, PHASE_KEYS, where);
    Object seconds = map.get("seconds");
    if (seconds == null) {
      throw new IllegalArgumentException(where + ": \"seconds\" is missing; give the phase's length, e.g. \"seconds\": 5");
    }
    if (!(seconds instanceof BigDecimal s) || s.signum() <= 0 || s.compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0) {
      throw new IllegalArgumentException(where + ": seconds must be a number > 0 and <= " + MAX_SECONDS
          + ", was " + shown(seconds));
    }
    Map<String, Fault> faults = new LinkedHashMap<>();
    for (String api : APIS) {
      Object spec = map.get(api);
      if (spec != null) {
        faults.put(api, fault(spec, where + ", " + api, api.equals("nerdgraph")));
      }
    }
    long millis = Math.max(1, Math.round(s.doubleValue() * 1000));
    return new Phase(name.orElse("phase " + index), millis * 1_000_000L, Map.copyOf(faults));
  }

  private static Fault fault(Object spec, String where, boolean nerdGraph) {
    if (!(spec instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(where + ": a fault is an object like {\"status\": 503}, not " + kind(spec));
    }
    onlyKnownKeys(map, FAULT_KEYS, where);
    List<String> kinds = new ArrayList<>();
    for (Object key : map.keySet()) {
      if (FAULT_KINDS.contains(key)) {
        kinds.add((String) key);
      }
    }
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException(where + ": a fault needs one of status, latencyMillis, drop or "
          + "graphQlError (leave it out for a healthy API)");
    }
    if (kinds.size() > 1) {
      throw new IllegalArgumentException(where + ": " + String.join(" and ", kinds)
          + " cannot be combined; a fault is of one kind");
    }
    String kind = kinds.get(0);
    onlyWith(map, where, kind, "retryAfterSeconds", "status");
    onlyWith(map, where, kind, "delayMillis", "status");
    onlyWith(map, where, kind, "message", "graphQlError");
    switch (kind) {
      case "status": {
        int status = (int) whole(map, "status", where, 200, 599);
        if (map.containsKey("retryAfterSeconds")) {
          whole(map, "retryAfterSeconds", where, 0, 3_600);
        }
        long delay = map.containsKey("delayMillis") ? whole(map, "delayMillis", where, 0, 600_000) : 0;
        return new Fault(kind, status, delay, null);
      }
      case "latencyMillis":
        return new Fault(kind, 0, whole(map, "latencyMillis", where, 0, 600_000), null);
      case "drop":
        if (!Boolean.TRUE.equals(map.get("drop"))) {
          throw new IllegalArgumentException(where + ": drop must be true (leave the fault out for a healthy API), was "
              + shown(map.get("drop")));
        }
        return new Fault(kind, 0, 0, null);
      default: {
        if (!nerdGraph) {
          throw new IllegalArgumentException(where + ": graphQlError applies to nerdgraph only");
        }
        String errorClass = text(map, "graphQlError", where).orElseThrow();
        if (!GRAPHQL_ERRORS.contains(errorClass)) {
          throw new IllegalArgumentException(where + ": unknown graphQlError '" + errorClass + "'"
              + Suggestions.closest(errorClass, GRAPHQL_ERRORS).map(s -> " (did you mean " + s + "?)")
                  .orElse("; use one of " + GRAPHQL_ERRORS));
        }
        text(map, "message", where);
        return new Fault(kind, 0, 0, errorClass);
      }
    }
  }

  private static void onlyWith(Map<?, ?> map, String where, String kind, String key, String needed) {
    if (map.containsKey(key) && !kind.equals(needed)) {
      throw new IllegalArgumentException(where + ": " + key + " goes with " + needed + ", not with " + kind);
    }
  }

  private static void onlyKnownKeys(Map<?, ?> map, List<String> known, String where) {
    for (Object k : map.keySet()) {
      String key = (String) k;
      if (!known.contains(key)) {
        throw new IllegalArgumentException(where + ": unknown key \"" + key + "\""
            + Suggestions.closest(key, known).map(s -> " (did you mean \"" + s + "\"?)")
                .orElse("; the keys here are " + String.join(", ", known)));
      }
    }
  }

  private static Optional<String> text(Map<?, ?> map, String key, String where) {
    Object v = map.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(where + ": " + key + " must be a non-empty string, was " + shown(v));
    }
    return Optional.of(s);
  }

  private static long whole(Map<?, ?> map, String key, String where, long min, long max) {
    Object v = map.get(key);
    if (v instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0
        && d.compareTo(BigDecimal.valueOf(min)) >= 0 && d.compareTo(BigDecimal.valueOf(max)) <= 0) {
      return d.longValueExact();
    }
    throw new IllegalArgumentException(where + ": " + key + " must be a whole number from " + min + " to " + max
        + ", was " + (v == null ? "missing" : shown(v)));
  }

  private static String shown(Object v) {
    String s = v instanceof String text ? "\"" + text + "\"" : v instanceof BigDecimal d ? d.toPlainString()
        : v instanceof Map ? "an object" : v instanceof List ? "a list" : String.valueOf(v);
    return s.length() <= SHOWN_MAX ? s : s.substring(0, SHOWN_MAX - 3) + "...";
  }

  private static String kind(Object v) {
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "a list";
    }
    if (v instanceof String) {
      return "a string (" + shown(v) + ")";
    }
    if (v instanceof BigDecimal) {
      return "a number (" + shown(v) + ")";
    }
    if (v instanceof Boolean) {
      return "a boolean (" + v + ")";
    }
    return "null";
  }
}
