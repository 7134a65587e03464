package dev.breakwater.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What NerdGraph checks in a static NRQL condition beyond its types, and the defaults it fills
 * in: the ranges documented for New Relic's alert conditions (an aggregation window of 30 s to
 * 6 h, a threshold duration of 60 s to 24 h that is a whole number of windows, an expiration of
 * 30 s to 48 h, an aggregation delay of up to 20 min with EVENT_FLOW and 1 h with CADENCE, a timer
 * of up to 20 min with EVENT_TIMER only, at most one term per priority), a query the fake can
 * evaluate (one aggregate function, no SINCE, UNTIL, LIMIT or TIMESERIES), and terms unless an
 * expiration opens a loss-of-signal incident. Stateless and thread-safe.
 */
final class ConditionRules {
  static final int DEFAULT_WINDOW = 60;
  static final int DEFAULT_DELAY = 120;
  static final int DEFAULT_TIMER = 60;
  static final int DEFAULT_TIME_LIMIT = 259_200;
  private static final Set<String> NOT_IN_ALERTS = Set.of("since", "until", "limit",
      "timeseries");

  private ConditionRules() {}

  /**
   * Merges an update into a stored condition as NerdGraph does: the fields given replace the
   * stored ones (nested objects field by field, {@code terms} as a whole), a null removes one.
   */
  static ObjectNode merge(JsonNode stored, JsonNode update) {
    ObjectNode merged = stored.deepCopy();
    for (Map.Entry<String, JsonNode> e : update.properties()) {
      JsonNode value = e.getValue();
      JsonNode old = merged.get(e.getKey());
      if (value.isNull()) {
        merged.remove(e.getKey());
      } else if (value.isObject() && old != null && old.isObject()) {
        merged.set(e.getKey(), merge(old, value));
      } else {
        merged.set(e.getKey(), value.deepCopy());
      }
    }
    return merged;
  }

  /** The condition as NerdGraph returns it: fields in a fixed order, defaults filled in. */
  static ObjectNode normalized(JsonNode input) {
    ObjectNode out = Json.object();
    out.put("name", input.path("name").asText());
    out.put("enabled", input.path("enabled").asBoolean());
    copy(input, out, "description", "runbookUrl", "titleTemplate");
    out.putObject("nrql").put("query", input.path("nrql").path("query").asText());
    ArrayNode terms = out.putArray("terms");
    JsonNode given = input.path("terms");
    if (given.isObject()) {
      terms.add(given.deepCopy()); // a single term, coerced into a list as GraphQL does
    } else if (given.isArray()) {
      given.forEach(t -> terms.add(t.deepCopy()));
    }
    JsonNode s = input.path("signal");
    ObjectNode signal = out.putObject("signal");
    String method = s.path("aggregationMethod").asText("EVENT_FLOW");
    signal.put("aggregationWindow", s.path("aggregationWindow").asInt(DEFAULT_WINDOW));
    signal.put("aggregationMethod", method);
    if (method.equals("EVENT_TIMER")) {
      signal.put("aggregationTimer", s.path("aggregationTimer").asInt(DEFAULT_TIMER));
      copy(s, signal, "aggregationDelay");
    } else {
      signal.put("aggregationDelay", s.path("aggregationDelay").asInt(DEFAULT_DELAY));
      copy(s, signal, "aggregationTimer");
    }
    signal.put("fillOption", s.path("fillOption").asText("NONE"));
    copy(s, signal, "fillValue", "slideBy", "evaluationDelay");
    JsonNode x = input.path("expiration");
    ObjectNode expiration = out.putObject("expiration");
    copy(x, expiration, "expirationDuration");
    for (String flag : List.of("openViolationOnExpiration", "closeViolationsOnExpiration",
        "ignoreOnExpectedTermination")) {
      expiration.put(flag, x.path(flag).asBoolean(false));
    }
    out.put("violationTimeLimitSeconds",
        input.path("violationTimeLimitSeconds").asInt(DEFAULT_TIME_LIMIT));
    copy(input, out, "valueFunction");
    return out;
  }

  /** Every problem of a normalized condition, each naming its field; empty if it is valid. */
  static List<String> problems(JsonNode c) {
    List<String> problems = new ArrayList<>();
    if (c.path("name").asText().isBlank()) {
      problems.add("name must not be blank");
    }
    query(c.path("nrql").path("query").asText(), problems);
    JsonNode signal = c.path("signal");
    int window = signal.path("aggregationWindow").asInt();
    range(problems, "signal.aggregationWindow", window, 30, 21_600);
    String method = signal.path("aggregationMethod").asText();
    if (method.equals("EVENT_TIMER")) {
      range(problems, "signal.aggregationTimer", signal.path("aggregationTimer").asInt(), 0, 1200);
      absent(problems, signal, "aggregationDelay", "EVENT_FLOW and CADENCE");
    } else {
      range(problems, "signal.aggregationDelay", signal.path("aggregationDelay").asInt(), 0,
          method.equals("CADENCE") ? 3600 : 1200);
      absent(problems, signal, "aggregationTimer", "EVENT_TIMER");
    }
    if (signal.path("fillOption").asText().equals("STATIC") && !signal.has("fillValue")) {
      problems.add("signal.fillValue is required with fillOption STATIC");
    }
    if (signal.has("slideBy")) {
      int slide = signal.path("slideBy").asInt();
      if (slide <= 0 || slide >= window || window % slide != 0) {
        problems.add("signal.slideBy must be smaller than and a factor of aggregationWindow ("
            + window + "), was " + slide);
      }
    }
    terms(c.path("terms"), window, problems);
    JsonNode expiration = c.path("expiration");
    boolean opensOnExpiration = expiration.path("openViolationOnExpiration").asBoolean();
    if (expiration.has("expirationDuration")) {
      range(problems, "expiration.expirationDuration",
          expiration.path("expirationDuration").asInt(), 30, 172_800);
    } else if (opensOnExpiration || expiration.path("closeViolationsOnExpiration").asBoolean()) {
      problems.add("expiration.expirationDuration is required to open or close incidents on"
          + " expiration");
    }
    if (c.path("terms").isEmpty() && !opensOnExpiration) {
      problems.add("terms must not be empty unless expiration.openViolationOnExpiration is true");
    }
    range(problems, "violationTimeLimitSeconds", c.path("violationTimeLimitSeconds").asInt(),
        300, 2_592_000);
    return problems;
  }

  private static void terms(JsonNode terms, int window, List<String> problems) {
    if (terms.size() > 2) {
      problems.add("terms must hold at most 2 terms (one CRITICAL, one WARNING), had "
          + terms.size());
    }
    Set<String> priorities = new HashSet<>();
    for (int i = 0; i < terms.size(); i++) {
      JsonNode t = terms.get(i);
      String where = "terms[" + i + "]";
      if (!priorities.add(t.path("priority").asText())) {
        problems.add(where + ".priority " + t.path("priority").asText()
            + " is used by another term");
      }
      int duration = t.path("thresholdDuration").asInt();
      range(problems, where + ".thresholdDuration", duration, 60, 86_400);
      if (window > 0 && duration % window != 0) {
        problems.add(where + ".thresholdDuration must be a multiple of aggregationWindow ("
            + window + "), was " + duration);
      }
    }
  }

  private static void query(String nrql, List<String> problems) {
    try {
      NrqlQuery q = NrqlParser.parse(nrql);
      if (q.raw() || q.select().size() != 1) {
        problems.add("nrql.query must select exactly one aggregate function");
      }
      for (String clause : q.clauses()) {
        if (NOT_IN_ALERTS.contains(clause)) {
          problems.add("nrql.query must not use " + clause.toUpperCase(Locale.ROOT)
              + " in an alert condition");
        }
      }
    } catch (NrqlSyntaxException e) {
      problems.add("nrql.query: NRQL Syntax Error: " + e.getMessage());
    }
  }

  private static void range(List<String> problems, String field, int value, int min, int max) {
    if (value < min || value > max) {
      problems.add(field + " must be " + min + ".." + max + " seconds, was " + value);
    }
  }

  private static void absent(List<String> problems, JsonNode signal, String field, String with) {
    if (signal.has(field)) {
      problems.add("signal." + field + " applies only with aggregationMethod " + with);
    }
  }

  private static void copy(JsonNode from, ObjectNode to, String... fields) {
    for (String f : fields) {
      JsonNode v = from.get(f);
      if (v != null && !v.isNull()) {
        to.set(f, v.deepCopy());
      }
    }
  }
}
