package dev.breakwater.newrelic;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What became of a batch handed to {@link EventApiClient#send}: how many events New Relic
 * accepted, which were refused before sending (invalid) or by the API (dropped, never to be
 * retried), and which could not be delivered for now (the API failed or the circuit is open) and
 * may be sent again. Every event handed in is in exactly one of the four.
 *
 * <p>A final class rather than a record on purpose: the client makes these and users only read
 * them, and a report of a send gains figures over time; a record's public canonical constructor
 * would make each one a breaking change for nothing a user needs.
 *
 * <p>Immutable and thread-safe (the events are the maps handed in, not copies).
 */
public final class DeliveryReport {
  private final int delivered;
  private final List<Rejection> rejected;
  private final List<Rejection> dropped;
  private final List<Map<String, ?>> undelivered;
  private final String undeliveredReason;
  private final int payloads;
  private final int retries;

  DeliveryReport(int delivered, List<Rejection> rejected, List<Rejection> dropped,
      List<Map<String, ?>> undelivered, String undeliveredReason, int payloads, int retries) {
    this.delivered = delivered;
    this.rejected = List.copyOf(rejected);
    this.dropped = List.copyOf(dropped);
    this.undelivered = List.copyOf(undelivered);
    this.undeliveredReason = Objects.requireNonNull(undeliveredReason, "undeliveredReason");
    this.payloads = payloads;
    this.retries = retries;
  }

  /**
   * Events New Relic accepted.
   *
   * @return the number of delivered events
   */
  public int delivered() {
    return delivered;
  }

  /**
   * Invalid events, never sent, each with the reason.
   *
   * @return the invalid events, in the order handed in
   */
  public List<Rejection> rejected() {
    return rejected;
  }

  /**
   * Events the API refused for good (e.g. 400, 403, or 413 for a single event).
   *
   * @return the refused events, each with the reason
   */
  public List<Rejection> dropped() {
    return dropped;
  }

  /**
   * Events that may be sent again later, in their original order.
   *
   * @return the undelivered events
   */
  public List<Map<String, ?>> undelivered() {
    return undelivered;
  }

  /**
   * Why the undelivered events were not delivered, such as
   * {@code "retries exhausted (cannot resolve insights-collector.newrelic.com)"}.
   *
   * @return the reason, or empty if every event was settled
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
  public boolean equals(Object o) {
    return o instanceof DeliveryReport r && delivered == r.delivered && rejected.equals(r.rejected)
        && dropped.equals(r.dropped) && undelivered.equals(r.undelivered)
        && undeliveredReason.equals(r.undeliveredReason) && payloads == r.payloads && retries == r.retries;
  }

  @Override
  public int hashCode() {
    return Objects.hash(delivered, rejected, dropped, undelivered, undeliveredReason, payloads, retries);
  }

  @Override
  public String toString() {
    return "DeliveryReport{delivered=" + delivered + ", rejected=" + rejected.size()
        + ", dropped=" + dropped.size() + ", undelivered=" + undelivered.size()
        + (undelivered.isEmpty() ? "" : " (" + undeliveredReason + ")")
        + ", payloads=" + payloads + ", retries=" + retries + "}";
  }
}
