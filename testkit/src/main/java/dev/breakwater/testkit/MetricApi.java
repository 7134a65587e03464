package dev.breakwater.testkit;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The Metric API: {@code POST /metric/v1}. A structurally valid payload is stored, one
 * {@link ReceivedMetric} per data point, and answered 202; anything else is refused whole with
 * 400. Thread-safe.
 */
final class MetricApi implements ApiHandler {
  static final String PATH = "/metric/v1";

  private final String licenseKey;
  private final Clock clock;
  private final Received received;

  MetricApi(String licenseKey, Clock clock, Received received) {
    this.licenseKey = licenseKey;
    this.clock = clock;
    this.received = received;
  }

  @Override
  public Reply handle(Incoming request) {
    Optional<Reply> refusal = IngestChecks.refusal(request, licenseKey);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    try {
      List<ReceivedMetric> metrics = MetricParser.parse(Json.parse(request.body()), clock.millis());
      received.addMetrics(metrics);
    } catch (BadRequest e) {
      return ErrorReplies.of(Api.METRICS, e.status(), e.getMessage());
    }
    return Reply.json(202, Json.object().put("requestId", UUID.randomUUID().toString()));
  }
}
