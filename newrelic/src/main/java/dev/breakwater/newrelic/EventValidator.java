package dev.breakwater.newrelic;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Map;

/**
 * Checks one event against the Event API's documented limits before it is sent, so a bad event is
 * refused with a clear reason instead of being silently dropped by New Relic or sinking its
 * batch. Also estimates the event's encoded size, for byte-bounded buffers. Thread-safe.
 */
final class EventValidator {
  static final int MAX_ATTRIBUTES = 254;
  static final int MAX_NAME_LENGTH = 255;
  static final int MAX_STRING_LENGTH = 4096;
  private static final long DAY_MILLIS = 24L * 60 * 60 * 1000;
  private static final long SECONDS_CUTOFF = 100_000_000_000L; // below: epoch seconds

  private final Clock clock;
  // The events of a batch nearly always share one eventType instance, so its checks run once. A
  // racy field is enough: whatever instance a thread sees here has passed them.
  private String lastValidEventType;

  EventValidator(Clock clock) {
    this.clock = clock;
  }

  /** Returns why the event cannot be sent, or null if it can. */
  String problem(Map<String, ?> event) {
    if (event == null) {
      return "event is null";
    }
    Object type = event.get("eventType");
    if (!(type instanceof String)) {
      return type == null ? "eventType is missing" : "eventType must be a string";
    }
    String t = (String) type;
    if (t != lastValidEventType) {
      String problem = eventTypeProblem(t);
      if (problem != null) {
        return problem;
      }
      lastValidEventType = t;
    }
    if (event.size() - 1 > MAX_ATTRIBUTES) {
      return "event has " + (event.size() - 1) + " attributes besides eventType, more than "
          + MAX_ATTRIBUTES;
    }
    for (Map.Entry<String, ?> e : event.entrySet()) {
      String problem = attributeProblem(e.getKey(), e.getValue());
      if (problem != null) {
        return problem;
      }
    }
    return timestampProblem(event.get("timestamp"));
  }

  private static String eventTypeProblem(String t) {
    if (t.length() > MAX_NAME_LENGTH) {
      return "eventType is longer than " + MAX_NAME_LENGTH + " characters";
    }
    if (!isEventTypeName(t)) {
      return "eventType '" + t + "' may only contain letters, digits, '_' and ':'";
    }
    if (isReserved(t)) {
      return "eventType '" + t + "' is reserved by New Relic";
    }
    return null;
  }

  /** [A-Za-z0-9_:]+, checked by hand. */
  private static boolean isEventTypeName(String t) {
    if (t.isEmpty()) {
      return false;
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == ':';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Metric, MetricRaw, Metric followed by a digit, or Public_ followed by anything. */
  private static boolean isReserved(String t) {
    if (t.startsWith("Public_")) {
      return true;
    }
    if (!t.startsWith("Metric")) {
      return false;
    }
    String rest = t.substring(6);
    return rest.isEmpty() || rest.equals("Raw") || Character.isDigit(rest.charAt(0));
  }

  private static String attributeProblem(String name, Object value) {
    if (name == null || name.isEmpty()) {
      return "attribute name must not be empty";
    }
    if (name.length() > MAX_NAME_LENGTH) {
      return "attribute name '" + name.substring(0, 40) + "…' is longer than " + MAX_NAME_LENGTH
          + " characters";
    }
    if (value == null) {
      return "attribute '" + name + "' is null";
    }
    if (value instanceof String) {
      int length = ((String) value).length();
      return length > MAX_STRING_LENGTH
          ? "attribute '" + name + "' is " + length + " characters long, more than " + MAX_STRING_LENGTH
          : null;
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? null : "attribute '" + name + "' is " + d + ", not a finite number";
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte || value instanceof BigInteger || value instanceof BigDecimal
        || value instanceof Boolean) {
      return null;
    }
    if (value instanceof Map || value instanceof Iterable || value.getClass().isArray()) {
      String kind = value instanceof Map ? "a map" : value instanceof Iterable ? "a collection" : "an array";
      return "attribute '" + name + "' is nested (" + kind
          + "); values must be strings, numbers or booleans";
    }
    return "attribute '" + name + "' is a " + value.getClass().getName()
        + "; values must be strings, numbers or booleans";
  }

  private String timestampProblem(Object timestamp) {
    if (timestamp == null) {
      return null;
    }
    if (!(timestamp instanceof Long || timestamp instanceof Integer)) {
      return "timestamp must be an integer epoch in milliseconds (or seconds)";
    }
    long t = ((Number) timestamp).longValue();
    long millis = t < SECONDS_CUTOFF ? t * 1000 : t;
    long now = clock.millis();
    if (Math.abs(millis - now) > DAY_MILLIS) {
      return "timestamp " + t + " is more than 24 hours from now";
    }
    return null;
  }

  /** An upper estimate of the event's JSON size in bytes (UTF-16 length, not UTF-8 exact). */
  static int estimatedSize(Map<String, ?> event) {
    int size = 2;
    for (Map.Entry<String, ?> e : event.entrySet()) {
      size += e.getKey().length() + 4;
      Object v = e.getValue();
      size += v instanceof String ? ((String) v).length() + 2 : 24;
    }
    return size;
  }
}
