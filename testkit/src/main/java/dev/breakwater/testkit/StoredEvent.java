package dev.breakwater.testkit;

import java.util.Map;

/**
 * An accepted event with the fake's wall-clock time when it arrived, which NRQL uses for events
 * that carry no {@code timestamp}. Immutable and thread-safe (the map is unmodifiable).
 */
record StoredEvent(Map<String, Object> attributes, long receivedAtMillis) {

  /** Epoch seconds below this are taken as seconds, as New Relic accepts both. */
  static final long SECONDS_LIMIT = 100_000_000_000L;

  String eventType() {
    return String.valueOf(attributes.get("eventType"));
  }

  /**
   * Returns an attribute's value, or null; {@code timestamp} is always there, as in New Relic,
   * which stamps events sent without one on arrival.
   */
  Object attribute(String name) {
    Object value = attributes.get(name);
    return value == null && name.equals("timestamp") ? Long.valueOf(timeMillis()) : value;
  }

  /** Returns the event's time in epoch ms: its {@code timestamp} if integral, else its arrival. */
  long timeMillis() {
    Object ts = attributes.get("timestamp");
    if (ts instanceof Integer || ts instanceof Long) {
      long value = ((Number) ts).longValue();
      return Math.abs(value) < SECONDS_LIMIT ? value * 1000 : value;
    }
    return receivedAtMillis;
  }
}
