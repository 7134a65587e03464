package dev.breakwater.newrelic;

import java.util.List;
import java.util.Map;

/**
 * What became of a batch handed to {@link EventApiClient#send}: how many events New Relic
 * accepted, which were refused before sending (invalid) or by the API (dropped, never to be
 * retried), and which could not be delivered for now (the API failed or the circuit is open) and
 * may be sent again. Every event handed in is in exactly one of the four.
 *
 * @param delivered events New Relic accepted
 * @param rejected invalid events, never sent, each with the reason
 * @param dropped events the API refused for good (e.g. 400, 403, or 413 for a single event)
 * @param undelivered events that may be sent again later, in their original order
 * @param undeliveredReason why the undelivered events were not delivered, or empty
 * @param payloads requests New Relic accepted
 * @param retries requests repeated after a transient failure
 */
public record DeliveryReport(
    int delivered,
    List<Rejection> rejected,
    List<Rejection> dropped,
    List<Map<String, ?>> undelivered,
    String undeliveredReason,
    int payloads,
    int retries) {

  /**
   * Copies the lists.
   *
   * @param delivered events New Relic accepted
   * @param rejected invalid events, never sent, each with the reason
   * @param dropped events the API refused for good (e.g. 400, 403, or 413 for a single event)
   * @param undelivered events that may be sent again later, in their original order
   * @param undeliveredReason why the undelivered events were not delivered, or empty
   * @param payloads requests New Relic accepted
   * @param retries requests repeated after a transient failure
   */
  public DeliveryReport {
    rejected = List.copyOf(rejected);
    dropped = List.copyOf(dropped);
    undelivered = List.copyOf(undelivered);
  }

  /**
   * Whether every event handed in was delivered.
   *
   * @return true if nothing was rejected, dropped or left undelivered
   */
  public boolean complete() {
    return rejected.isEmpty() && dropped.isEmpty() && undelivered.isEmpty();
  }

  /**
   * One event that was not delivered and will not be retried, with the reason.
   *
   * @param event the event as handed in
   * @param reason why: the validation problem or the API's answer
   */
  public record Rejection(Map<String, ?> event, String reason) {}

  @Override
  public String toString() {
    return "DeliveryReport{delivered=" + delivered + ", rejected=" + rejected.size()
        + ", dropped=" + dropped.size() + ", undelivered=" + undelivered.size()
        + (undelivered.isEmpty() ? "" : " (" + undeliveredReason + ")")
        + ", payloads=" + payloads + ", retries=" + retries + "}";
  }
}
