package dev.breakwater.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * New Relic's per-event rules, which it applies after accepting a payload: an event that breaks
 * one is dropped (and reported as an {@code NrIntegrationError}) while the rest of the payload is
 * kept. Stateless and thread-safe.
 */
final class EventValidator {
  static final int MAX_ATTRIBUTES = 255;
  static final int MAX_NAME_LENGTH = 255;
  static final int MAX_STRING_LENGTH = 4096;
  static final long MAX_SKEW_MILLIS = Duration.ofHours(24).toMillis();

  private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9_:]+");
  private static final Pattern RESERVED_TYPE =
      Pattern.compile("Metric|MetricRaw|Metric[0-9].*|Public_.*");

  private EventValidator() {}

  /**
   * Returns why New Relic would drop {@code event}, or empty if it would keep it.
   *
   * @param event a JSON object
   * @param nowMillis the server's wall-clock time, for the timestamp window
   */
  static Optional<String> problem(JsonNode event, long nowMillis) {
    JsonNode type = event.get("eventType");
    if (type == null) {
      return Optional.of("eventType is missing");
    }
    if (!type.isTextual()) {
      return Optional.of("eventType must be a string, was " + type);
    }
    String name = type.asText();
    if (!EVENT_TYPE.matcher(name).matches()) {
      return Optional.of("eventType '" + name + "' must match [A-Za-z0-9_:]+");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      return Optional.of("eventType must be at most " + MAX_NAME_LENGTH + " characters, was "
          + name.length());
    }
    if (RESERVED_TYPE.matcher(name).matches()) {
      return Optional.of("eventType '" + name + "' is reserved by New Relic");
    }
    if (event.size() > MAX_ATTRIBUTES) {
      return Optional.of("an event may have at most " + MAX_ATTRIBUTES
          + " attributes including eventType, was " + event.size());
    }
    for (Map.Entry<String, JsonNode> attribute : event.properties()) {
      Optional<String> problem = attributeProblem(attribute.getKey(), attribute.getValue());
      if (problem.isPresent()) {
        return problem;
      }
    }
    JsonNode timestamp = event.get("timestamp");
    return timestamp == null ? Optional.empty() : timestampProblem(timestamp, nowMillis);
  }

  private static Optional<String> attributeProblem(String name, JsonNode value) {
    if (name.length() > MAX_NAME_LENGTH) {
      return Optional.of("attribute name '" + name.substring(0, 40) + "...' must be at most "
          + MAX_NAME_LENGTH + " characters, was " + name.length());
    }
    if (!(value.isTextual() || value.isNumber() || value.isBoolean())) {
      return Optional.of("attribute '" + name + "' must be a string, number or boolean, was "
          + value.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    if (value.isTextual() && value.asText().length() > MAX_STRING_LENGTH) {
      return Optional.of("attribute '" + name + "' must be at most " + MAX_STRING_LENGTH
          + " characters, was " + value.asText().length());
    }
    return Optional.empty();
  }

  private static Optional<String> timestampProblem(JsonNode timestamp, long nowMillis) {
    if (!timestamp.isIntegralNumber() || !timestamp.canConvertToLong()
        || timestamp.longValue() < 0) {
      return Optional.of("timestamp must be an integer, epoch seconds or milliseconds, was "
          + timestamp);
    }
    long value = timestamp.longValue();
    long millis = value < StoredEvent.SECONDS_LIMIT ? value * 1000 : value;
    if (Math.abs(millis - nowMillis) > MAX_SKEW_MILLIS) {
      return Optional.of("timestamp " + value + " is more than 24 h from the server's time "
          + nowMillis);
    }
    return Optional.empty();
  }
}
