package dev.breakwater.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Event API: {@code POST /v1/accounts/{accountId}/events}, and {@code /v1/accounts/events}
 * as the telemetry SDK sends it. Like New Relic, it answers 200 for any well-formed payload and
 * sorts the events afterwards: valid ones are stored, invalid ones rejected with a reason. The
 * stored ones are handed to the alert conditions. Thread-safe.
 */
final class EventApi implements ApiHandler {
  static final Pattern PATH = Pattern.compile("/v1/accounts(?:/([^/]+))?/events");

  private final String accountId;
  private final String licenseKey;
  private final Clock clock;
  private final Received received;
  private final AlertEngine alerts;

  EventApi(long accountId, String licenseKey, Clock clock, Received received, AlertEngine alerts) {
    this.accountId = Long.toString(accountId);
    this.licenseKey = licenseKey;
    this.clock = clock;
    this.received = received;
    this.alerts = alerts;
  }

  @Override
  public Reply handle(Incoming request) {
    Optional<Reply> refusal = IngestChecks.refusal(request, licenseKey);
    if (refusal.isPresent()) {
      return refusal.get();
    }
    Matcher path = PATH.matcher(request.path());
    if (path.matches() && path.group(1) != null && !path.group(1).equals(accountId)) {
      return ErrorReplies.of(Api.EVENTS, 403, "the license key does not belong to account "
          + path.group(1));
    }
    try {
      List<JsonNode> events = parse(request.body());
      store(events);
    } catch (BadRequest e) {
      return ErrorReplies.of(Api.EVENTS, e.status(), e.getMessage());
    }
    return Reply.json(200, Json.object().put("success", true)
        .put("uuid", UUID.randomUUID().toString()));
  }

  private static List<JsonNode> parse(byte[] body) throws BadRequest {
    JsonNode root = Json.parse(body);
    if (!root.isArray()) {
      throw new BadRequest("the body must be a JSON array of event objects, was "
          + root.getNodeType());
    }
    List<JsonNode> events = new ArrayList<>(root.size());
    for (JsonNode event : root) {
      if (!event.isObject()) {
        throw new BadRequest("element " + events.size() + " must be a JSON object, was "
            + event.getNodeType());
      }
      events.add(event);
    }
    return events;
  }

  private void store(List<JsonNode> events) {
    long now = clock.millis();
    List<StoredEvent> accepted = new ArrayList<>();
    List<RejectedEvent> rejected = new ArrayList<>();
    for (JsonNode event : events) {
      Optional<String> problem = EventValidator.problem(event, now);
      if (problem.isPresent()) {
        rejected.add(new RejectedEvent(Json.toMap(event), problem.get()));
      } else {
        accepted.add(new StoredEvent(Collections.unmodifiableMap(Json.toMap(event)), now));
      }
    }
    received.addEvents(accepted, rejected);
    alerts.accept(accepted);
  }
}
