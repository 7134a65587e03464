package dev.breakwater.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An incident that {@link FakeNewRelic} opened by evaluating a stored NRQL condition: one term of
 * the condition (its priority) crossed for one signal (one combination of FACET values), or,
 * with {@code lossOfSignal}, the signal stopped arriving for the condition's expiration duration.
 * A snapshot: an incident still open in one snapshot may be closed in the next.
 *
 * <p>Immutable and thread-safe.
 */
public final class Incident {
  private final String policyId;
  private final String conditionId;
  private final String conditionName;
  private final List<String> facet;
  private final String priority;
  private final boolean lossOfSignal;
  private final Instant openedAt;
  private final Instant closedAt;
  private final double value;

  Incident(String policyId, String conditionId, String conditionName, List<String> facet,
      String priority, boolean lossOfSignal, Instant openedAt, Instant closedAt, double value) {
    this.policyId = policyId;
    this.conditionId = conditionId;
    this.conditionName = conditionName;
    this.facet = List.copyOf(facet);
    this.priority = priority;
    this.lossOfSignal = lossOfSignal;
    this.openedAt = openedAt;
    this.closedAt = closedAt;
    this.value = value;
  }

  /**
   * Returns the id of the condition's policy.
   *
   * @return the policy id
   */
  public String policyId() {
    return policyId;
  }

  /**
   * Returns the id of the condition that opened the incident.
   *
   * @return the condition id
   */
  public String conditionId() {
    return conditionId;
  }

  /**
   * Returns the name the condition had when the incident opened.
   *
   * @return the condition's name
   */
  public String conditionName() {
    return conditionName;
  }

  /**
   * Returns the signal's FACET values, in FACET order, as strings.
   *
   * @return the facet values; empty for a condition without FACET
   */
  public List<String> facet() {
    return facet;
  }

  /**
   * Returns the priority of the term that opened the incident.
   *
   * @return {@code CRITICAL} or {@code WARNING}; {@code CRITICAL} for loss of signal
   */
  public String priority() {
    return priority;
  }

  /**
   * Returns whether the incident is a loss of signal rather than a crossed threshold.
   *
   * @return true if the signal expired
   */
  public boolean lossOfSignal() {
    return lossOfSignal;
  }

  /**
   * Returns when the incident opened, on the fake's clock.
   *
   * @return the opening time
   */
  public Instant openedAt() {
    return openedAt;
  }

  /**
   * Returns when the incident closed, on the fake's clock.
   *
   * @return the closing time; empty while it is open
   */
  public Optional<Instant> closedAt() {
    return Optional.ofNullable(closedAt);
  }

  /**
   * Returns whether the incident is still open.
   *
   * @return true if it has not closed
   */
  public boolean isOpen() {
    return closedAt == null;
  }

  /**
   * Returns the value of the aggregation window that opened the incident.
   *
   * @return the value; empty for a loss of signal
   */
  public OptionalDouble value() {
    return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Incident i && policyId.equals(i.policyId)
        && conditionId.equals(i.conditionId) && conditionName.equals(i.conditionName)
        && facet.equals(i.facet) && priority.equals(i.priority) && lossOfSignal == i.lossOfSignal
        && openedAt.equals(i.openedAt) && Objects.equals(closedAt, i.closedAt)
        && Double.compare(value, i.value) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(conditionId, facet, priority, lossOfSignal, openedAt, closedAt);
  }

  @Override
  public String toString() {
    return "Incident{" + conditionName + (facet.isEmpty() ? "" : " " + facet) + " " + priority
        + (lossOfSignal ? " loss of signal" : "") + ", opened " + openedAt
        + (closedAt == null ? ", open" : ", closed " + closedAt) + "}";
  }
}
