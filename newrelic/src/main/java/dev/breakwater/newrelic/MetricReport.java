package dev.breakwater.newrelic;

import java.util.List;

/**
 * What became of metrics handed to {@link MetricApiClient#send}.
 *
 * @param delivered metrics New Relic accepted
 * @param dropped metrics the API refused for good (e.g. 400, 403, or 413 for a single metric)
 * @param undelivered metrics not delivered for now (the API failed or the circuit is open)
 * @param undeliveredReason why, or empty
 * @param payloads requests New Relic accepted
 * @param retries requests repeated after a transient failure
 */
public record MetricReport(int delivered, List<Metric> dropped, List<Metric> undelivered,
    String undeliveredReason, int payloads, int retries) {

  /**
   * Copies the lists.
   *
   * @param delivered metrics New Relic accepted
   * @param dropped metrics the API refused for good (e.g. 400, 403, or 413 for a single metric)
   * @param undelivered metrics not delivered for now (the API failed or the circuit is open)
   * @param undeliveredReason why, or empty
   * @param payloads requests New Relic accepted
   * @param retries requests repeated after a transient failure
   */
  public MetricReport {
    dropped = List.copyOf(dropped);
    undelivered = List.copyOf(undelivered);
  }

  /**
   * Whether every metric was delivered.
   *
   * @return true if nothing was dropped or left undelivered
   */
  public boolean complete() {
    return dropped.isEmpty() && undelivered.isEmpty();
  }
}
