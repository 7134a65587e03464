package dev.breakwater.newrelic;

/**
 * Not every event of a synchronous send was delivered. The report says which were invalid,
 * refused, or not delivered for now; the message gives counts and reasons, never event contents
 * or keys.
 */
public final class EventDeliveryException extends NewRelicException {
  private static final long serialVersionUID = 1L;

  private final transient DeliveryReport report;

  EventDeliveryException(DeliveryReport report, int total) {
    super(message(report, total));
    this.report = report;
  }

  private static String message(DeliveryReport r, int total) {
    int missing = total - r.delivered();
    StringBuilder m = new StringBuilder().append(missing).append(" of ").append(total)
        .append(" events not delivered:");
    if (!r.rejected().isEmpty()) {
      m.append(' ').append(r.rejected().size()).append(" invalid (first: ")
          .append(r.rejected().get(0).reason()).append(')');
    }
    if (!r.dropped().isEmpty()) {
      m.append(' ').append(r.dropped().size()).append(" refused (first: ")
          .append(r.dropped().get(0).reason()).append(')');
    }
    if (!r.undelivered().isEmpty()) {
      m.append(' ').append(r.undelivered().size()).append(" undelivered (")
          .append(r.undeliveredReason()).append(')');
    }
    return m.toString();
  }

  /**
   * What became of every event.
   *
   * @return the delivery report
   */
  public DeliveryReport report() {
    return report;
  }
}
