package dev.breakwater.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the fake needs to evaluate a stored static NRQL condition, read once from its normalized
 * form. Immutable and thread-safe.
 *
 * @param windowMillis the aggregation window
 * @param delayMillis EVENT_FLOW and CADENCE: how long a window waits for late data
 * @param timerMillis EVENT_TIMER: how long after its last data point a window closes
 * @param fillValue the STATIC fill value; NaN for other fill options
 * @param expirationMillis how long a signal may be silent before it expires; 0 for never
 */
record ConditionSpec(String id, String policyId, String name, boolean enabled, NrqlQuery query,
    long windowMillis, String method, long delayMillis, long timerMillis, String fill,
    double fillValue, List<Term> terms, long expirationMillis, boolean openOnExpiration,
    boolean closeOnExpiration) {

  /**
   * One threshold.
   *
   * @param windows how many aggregation windows {@code thresholdDuration} spans
   * @param all ALL (every window crosses) rather than AT_LEAST_ONCE
   */
  record Term(String priority, String operator, double threshold, int windows, boolean all) {
    boolean crosses(double value) {
      if (Double.isNaN(value)) {
        return false;
      }
      return switch (operator) {
        case "ABOVE" -> value > threshold;
        case "ABOVE_OR_EQUALS" -> value >= threshold;
        case "BELOW" -> value < threshold;
        case "BELOW_OR_EQUALS" -> value <= threshold;
        case "EQUALS" -> value == threshold;
        default -> value != threshold; // NOT_EQUALS
      };
    }
  }

  /** Reads a stored condition, which the fake has already checked with {@link ConditionRules}. */
  static ConditionSpec of(StoredAlertCondition stored) throws NrqlSyntaxException {
    JsonNode c = stored.condition();
    JsonNode signal = c.path("signal");
    long window = signal.path("aggregationWindow").asLong() * 1000;
    List<Term> terms = new ArrayList<>();
    for (JsonNode t : c.path("terms")) {
      terms.add(new Term(t.path("priority").asText(), t.path("operator").asText(),
          t.path("threshold").asDouble(), (int) (t.path("thresholdDuration").asLong() * 1000
          / window), t.path("thresholdOccurrences").asText().equals("ALL")));
    }
    JsonNode expiration = c.path("expiration");
    String fill = signal.path("fillOption").asText();
    return new ConditionSpec(stored.id(), stored.policyId(), stored.name(),
        c.path("enabled").asBoolean(), NrqlParser.parse(c.path("nrql").path("query").asText()),
        window, signal.path("aggregationMethod").asText(),
        signal.path("aggregationDelay").asLong() * 1000,
        signal.path("aggregationTimer").asLong() * 1000, fill,
        fill.equals("STATIC") ? signal.path("fillValue").asDouble() : Double.NaN,
        List.copyOf(terms), expiration.path("expirationDuration").asLong(0) * 1000,
        expiration.path("openViolationOnExpiration").asBoolean(),
        expiration.path("closeViolationsOnExpiration").asBoolean());
  }

  /** The longest threshold duration, in windows: how much history a signal keeps. */
  int historyWindows() {
    return terms.stream().mapToInt(Term::windows).max().orElse(1);
  }
}
