package dev.breakwater.newrelic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The "Circuit Breaker Health" alert policy and its three static NRQL conditions, over the
 * monitor's {@code CircuitBreakerMetric} events:
 * <ul>
 *   <li>{@value #BREAKER_OPEN}: a breaker has reported OPEN or HALF_OPEN (not recovered) in
 *       every aggregation window for {@code openFor} (default 5 minutes) on one host; one
 *       incident per breaker and host. FORCED_OPEN is left out: an operator chose it. Gaps
 *       between reports keep the last value, and a host that goes silent has its incidents
 *       closed after {@code silentAfter} (the next condition takes over);
 *   <li>{@value #FAILURE_RATE}: the mean of the hosts' window failure rates of a breaker
 *       ({@code windowFailureRate}) is above {@code failureRateThreshold} percent (default 50)
 *       for {@code failureRateFor} (default 5 minutes), fleet-wide: one incident per breaker;
 *   <li>{@value #REPORTER_SILENT}: a host that has reported stops reporting for
 *       {@code silentAfter} (default 5 minutes): a loss-of-signal incident per host, closed
 *       when it reports again. Its one term ({@code count(*)} below 1, for the shortest duration
 *       NerdGraph accepts) cannot be crossed by data; the condition exists for its expiration.
 * </ul>
 * The names are fixed: they are how provisioning finds what it created before. Thresholds go in
 * the conditions' terms and descriptions. Windows are {@code aggregationWindow} long (default
 * 60 s, the monitor's default interval), evaluated with EVENT_FLOW and a 120 s delay, so that
 * reports delivered late, after an Event API outage, are still evaluated by their own time. The
 * policy's incident preference is PER_CONDITION_AND_TARGET: one issue per breaker (and host).
 *
 * <pre>{@code
 * AlertPolicyDefinition policy = AlertPolicyDefinition.builder()
 *     .openFor(Duration.ofMinutes(10))
 *     .failureRateThreshold(25)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AlertPolicyDefinition {
  /** The policy's default name. */
  public static final String POLICY_NAME = "Circuit Breaker Health";
  /** The name of the condition on breakers that stay open. */
  public static final String BREAKER_OPEN = "Circuit breaker open";
  /** The name of the fleet-wide failure-rate condition. */
  public static final String FAILURE_RATE = "Circuit breaker failure rate";
  /** The name of the loss-of-signal condition on reporters. */
  public static final String REPORTER_SILENT = "Circuit breaker reporter silent";
  static final String INCIDENT_PREFERENCE = "PER_CONDITION_AND_TARGET";
  private static final int AGGREGATION_DELAY_SECONDS = 120;
  private static final int VIOLATION_TIME_LIMIT_SECONDS = 86_400;

  private final String policyName;
  private final Duration openFor;
  private final double failureRateThreshold;
  private final Duration failureRateFor;
  private final Duration silentAfter;
  private final Duration aggregationWindow;

  private AlertPolicyDefinition(Builder b) {
    this.policyName = b.policyName;
    this.openFor = b.openFor;
    this.failureRateThreshold = b.failureRateThreshold;
    this.failureRateFor = b.failureRateFor;
    this.silentAfter = b.silentAfter;
    this.aggregationWindow = b.aggregationWindow;
  }

  /**
   * The policy with the default thresholds.
   *
   * @return the default definition
   */
  public static AlertPolicyDefinition circuitBreakerHealth() {
    return builder().build();
  }

  /**
   * Starts a definition with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder with this definition's settings.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.policyName = policyName;
    b.openFor = openFor;
    b.failureRateThreshold = failureRateThreshold;
    b.failureRateFor = failureRateFor;
    b.silentAfter = silentAfter;
    b.aggregationWindow = aggregationWindow;
    return b;
  }

  /**
   * The policy's name.
   *
   * @return the name provisioning searches for
   */
  public String policyName() {
    return policyName;
  }

  /**
   * How long a breaker must stay open on a host before {@value #BREAKER_OPEN} opens an incident.
   *
   * @return the duration (default 5 minutes)
   */
  public Duration openFor() {
    return openFor;
  }

  /**
   * The fleet-wide failure rate, in percent, above which {@value #FAILURE_RATE} fires.
   *
   * @return the threshold (default 50)
   */
  public double failureRateThreshold() {
    return failureRateThreshold;
  }

  /**
   * How long the failure rate must stay above the threshold.
   *
   * @return the duration (default 5 minutes)
   */
  public Duration failureRateFor() {
    return failureRateFor;
  }

  /**
   * How long a reporting host may be silent before {@value #REPORTER_SILENT} opens an incident.
   *
   * @return the duration (default 5 minutes)
   */
  public Duration silentAfter() {
    return silentAfter;
  }

  /**
   * The aggregation window of every condition.
   *
   * @return the window (default 60 s)
   */
  public Duration aggregationWindow() {
    return aggregationWindow;
  }

  /** NerdGraph's {@code AlertsPolicyInput}. */
  ObjectNode policyInput() {
    return NerdGraphClient.JSON.createObjectNode().put("name", policyName)
        .put("incidentPreference", INCIDENT_PREFERENCE);
  }

  /** NerdGraph's {@code AlertsNrqlConditionStaticInput} of each condition, in a fixed order. */
  List<ObjectNode> conditionInputs() {
    long silent = silentAfter.toSeconds();
    ObjectNode open = condition(BREAKER_OPEN, String.format(Locale.ROOT,
        "A breaker has reported OPEN or HALF_OPEN in every window for %s on one host"
        + " (FORCED_OPEN is an operator's choice and is left out).", minutes(openFor)),
        "SELECT percentage(count(*), WHERE state IN ('OPEN', 'HALF_OPEN'))"
        + " FROM CircuitBreakerMetric FACET breakerName, host",
        "ABOVE", 0, openFor, "LAST_VALUE");
    expiration(open, silent, false, true);
    ObjectNode rate = condition(FAILURE_RATE, String.format(Locale.ROOT,
        "The mean window failure rate of a breaker across its hosts is above %s %% for %s.",
        number(failureRateThreshold), minutes(failureRateFor)),
        "SELECT average(windowFailureRate) FROM CircuitBreakerMetric FACET breakerName",
        "ABOVE", failureRateThreshold, failureRateFor, "NONE");
    expiration(rate, silent, false, true);
    ObjectNode silentHost = condition(REPORTER_SILENT, String.format(Locale.ROOT,
        "A host that reports circuit breakers has sent no CircuitBreakerMetric for %s.",
        minutes(silentAfter)),
        "SELECT count(*) FROM CircuitBreakerMetric FACET host",
        "BELOW", 1, shortestTerm(), "NONE");
    expiration(silentHost, silent, true, false);
    return List.of(open, rate, silentHost);
  }

  /** The shortest threshold duration NerdGraph accepts: a whole number of windows, at least 60 s. */
  private Duration shortestTerm() {
    long window = aggregationWindow.toSeconds();
    return Duration.ofSeconds(window * ((60 + window - 1) / window));
  }

  private ObjectNode condition(String name, String description, String query, String operator,
      double threshold, Duration duration, String fill) {
    ObjectNode c = NerdGraphClient.JSON.createObjectNode();
    c.put("name", name);
    c.put("enabled", true);
    c.put("description", description);
    c.putObject("nrql").put("query", query);
    c.putArray("terms").addObject()
        .put("priority", "CRITICAL")
        .put("operator", operator)
        .put("threshold", threshold)
        .put("thresholdDuration", duration.toSeconds())
        .put("thresholdOccurrences", "ALL");
    c.putObject("signal")
        .put("aggregationWindow", aggregationWindow.toSeconds())
        .put("aggregationMethod", "EVENT_FLOW")
        .put("aggregationDelay", AGGREGATION_DELAY_SECONDS)
        .put("fillOption", fill);
    c.put("violationTimeLimitSeconds", VIOLATION_TIME_LIMIT_SECONDS);
    return c;
  }

  private static void expiration(ObjectNode condition, long seconds, boolean open, boolean close) {
    condition.putObject("expiration")
        .put("expirationDuration", seconds)
        .put("openViolationOnExpiration", open)
        .put("closeViolationsOnExpiration", close);
  }

  private static String minutes(Duration d) {
    long s = d.toSeconds();
    return s % 60 == 0 ? (s / 60) + (s == 60 ? " minute" : " minutes") : s + " seconds";
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AlertPolicyDefinition d && policyName.equals(d.policyName)
        && openFor.equals(d.openFor) && Double.compare(failureRateThreshold, d.failureRateThreshold) == 0
        && failureRateFor.equals(d.failureRateFor) && silentAfter.equals(d.silentAfter)
        && aggregationWindow.equals(d.aggregationWindow);
  }

  @Override
  public int hashCode() {
    return Objects.hash(policyName, openFor, failureRateThreshold, failureRateFor, silentAfter,
        aggregationWindow);
  }

  @Override
  public String toString() {
    return "AlertPolicyDefinition{" + policyName + ", openFor=" + openFor + ", failureRateThreshold="
        + number(failureRateThreshold) + ", failureRateFor=" + failureRateFor + ", silentAfter="
        + silentAfter + ", aggregationWindow=" + aggregationWindow + "}";
  }

  /**
   * Builds an {@link AlertPolicyDefinition}, checking each value as it is set and the
   * combination at {@link #build()}. Not thread-safe.
   */
  public static final class Builder {
    private String policyName = POLICY_NAME;
    private Duration openFor = Duration.ofMinutes(5);
    private double failureRateThreshold = 50;
    private Duration failureRateFor = Duration.ofMinutes(5);
    private Duration silentAfter = Duration.ofMinutes(5);
    private Duration aggregationWindow = Duration.ofSeconds(60);

    private Builder() {}

    /**
     * Names the policy (default {@value AlertPolicyDefinition#POLICY_NAME}), e.g. one per
     * environment sharing an account.
     *
     * @param name the policy's name
     * @return this builder
     * @throws IllegalArgumentException if blank
     * @throws NullPointerException if {@code name} is null
     */
    public Builder policyName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("policyName must not be blank");
      }
      this.policyName = name;
      return this;
    }

    /**
     * Sets how long a breaker must stay open on a host (default 5 minutes): whole seconds,
     * 60 s to 24 h, a multiple of the aggregation window.
     *
     * @param duration how long a breaker must stay open
     * @return this builder
     * @throws IllegalArgumentException if not whole seconds within 60 s to 24 h
     * @throws NullPointerException if {@code duration} is null
     */
    public Builder openFor(Duration duration) {
      this.openFor = seconds("openFor", duration, 60, 86_400);
      return this;
    }

    /**
     * Sets the fleet-wide failure rate that fires {@value AlertPolicyDefinition#FAILURE_RATE}
     * (default 50 percent).
     *
     * @param percent the threshold, in (0, 100)
     * @return this builder
     * @throws IllegalArgumentException if not in (0, 100)
     */
    public Builder failureRateThreshold(double percent) {
      if (!(percent > 0 && percent < 100)) {
        throw new IllegalArgumentException("failureRateThreshold must be in (0, 100), was " + percent);
      }
      this.failureRateThreshold = percent;
      return this;
    }

    /**
     * Sets how long the failure rate must stay above the threshold (default 5 minutes): whole
     * seconds, 60 s to 24 h, a multiple of the aggregation window.
     *
     * @param duration how long the failure rate must stay above the threshold
     * @return this builder
     * @throws IllegalArgumentException if not whole seconds within 60 s to 24 h
     * @throws NullPointerException if {@code duration} is null
     */
    public Builder failureRateFor(Duration duration) {
      this.failureRateFor = seconds("failureRateFor", duration, 60, 86_400);
      return this;
    }

    /**
     * Sets how long a host may be silent before it is reported (default 5 minutes): whole
     * seconds, 30 s to 48 h. Keep it a few times the monitor's report interval.
     *
     * @param duration how long a host may be silent
     * @return this builder
     * @throws IllegalArgumentException if not whole seconds within 30 s to 48 h
     * @throws NullPointerException if {@code duration} is null
     */
    public Builder silentAfter(Duration duration) {
      this.silentAfter = seconds("silentAfter", duration, 30, 172_800);
      return this;
    }

    /**
     * Sets the aggregation window of every condition (default 60 s): whole seconds, 30 s to 6 h.
     * Keep it at least the monitor's report interval, so that every window holds a report.
     *
     * @param window the aggregation window
     * @return this builder
     * @throws IllegalArgumentException if not whole seconds within 30 s to 6 h
     * @throws NullPointerException if {@code window} is null
     */
    public Builder aggregationWindow(Duration window) {
      this.aggregationWindow = seconds("aggregationWindow", window, 30, 21_600);
      return this;
    }

    /**
     * Builds the definition.
     *
     * @return the definition
     * @throws IllegalStateException if {@code openFor} or {@code failureRateFor} is not a
     *     multiple of the aggregation window
     */
    public AlertPolicyDefinition build() {
      multipleOfWindow("openFor", openFor);
      multipleOfWindow("failureRateFor", failureRateFor);
      return new AlertPolicyDefinition(this);
    }

    private void multipleOfWindow(String name, Duration d) {
      long window = aggregationWindow.toSeconds();
      if (d.toSeconds() % window != 0) {
        throw new IllegalStateException(name + " must be a multiple of aggregationWindow ("
            + window + " s), was " + d.toSeconds() + " s");
      }
    }

    private static Duration seconds(String name, Duration d, long min, long max) {
      Objects.requireNonNull(d, name);
      if (d.getNano() != 0 || d.toSeconds() < min || d.toSeconds() > max) {
        throw new IllegalArgumentException(name + " must be whole seconds within " + min + " s and "
            + max + " s, was " + d);
      }
      return d;
    }
  }
}
