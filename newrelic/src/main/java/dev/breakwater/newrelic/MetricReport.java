package dev.breakwater.newrelic;

import java.util.List;
import java.util.Objects;

/**
 * What became of metrics handed to {@link MetricApiClient#send}: delivered, dropped for good, or
 * not delivered for now. A final class rather than a record for the reason given at
 * {@link DeliveryReport}. Immutable and thread-safe.
 */
public final class MetricReport {
  private final int delivered;
  private final List<Metric> dropped;
  private final List<Metric> undelivered;
  private final String undeliveredReason;
  private final int payloads;
  private final int retries;

  MetricReport(int delivered, List<Metric> dropped, List<Metric> undelivered, String undeliveredReason,
      int payloads, int retries) {
    this.delivered = delivered;
    this.dropped = List.copyOf(dropped);
    this.undelivered = List.copyOf(undelivered);
    this.undeliveredReason = Objects.requireNonNull(undeliveredReason, "undeliveredReason");
    this.payloads = payloads;
    this.retries = retries;
  }

  /**
   * Metrics New Relic accepted.
   *
   * @return the number of delivered metrics
   */
  public int delivered() {
    return delivered;
  }

  /**
   * Metrics the API refused for good (e.g. 400, 403, or 413 for a single metric).
   *
   * @return the dropped metrics
   */
  public List<Metric> dropped() {
    return dropped;
  }

  /**
   * Metrics not delivered for now (the API failed or the circuit is open).
   *
   * @return the undelivered metrics, in their original order
   */
  public List<Metric> undelivered() {
    return undelivered;
  }

  /**
   * Why the undelivered metrics were not delivered.
   *
   * @return the reason, or empty if every metric was settled
   */
  public String undeliveredReason() {
    return undeliveredReason;
  }

  /**
   * Requests New Relic accepted.
   *
   * @return the number of delivered payloads
   */
  public int payloads() {
    return payloads;
  }

  /**
   * Requests repeated after a transient failure.
   *
   * @return the number of retries
   */
  public int retries() {
    return retries;
  }

  /**
   * Whether every metric was delivered.
   *
   * @return true if nothing was dropped or left undelivered
   */
  public boolean complete() {
    return dropped.isEmpty() && undelivered.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetricReport r && delivered == r.delivered && dropped.equals(r.dropped)
        && undelivered.equals(r.undelivered) && undeliveredReason.equals(r.undeliveredReason)
        && payloads == r.payloads && retries == r.retries;
  }

  @Override
  public int hashCode() {
    return Objects.hash(delivered, dropped, undelivered, undeliveredReason, payloads, retries);
  }

  @Override
  public String toString() {
    return "MetricReport{delivered=" + delivered + ", dropped=" + dropped.size() + ", undelivered="
        + undelivered.size() + (undelivered.isEmpty() ? "" : " (" + undeliveredReason + ")")
        + ", payloads=" + payloads + ", retries=" + retries + "}";
  }
}
