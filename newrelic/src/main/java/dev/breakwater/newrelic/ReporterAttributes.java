package dev.breakwater.newrelic;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a common attribute that a reporter adds to every event it sends, when it is configured
 * rather than when the first event is refused.
 */
final class ReporterAttributes {
  private ReporterAttributes() {}

  /**
   * @param name the attribute's name
   * @param value the attribute's value
   * @param eventType the event type the reporter sends
   * @param reserved the attributes the reporter sets itself
   * @param reporter what the reporter is called in the message, e.g. "the monitor"
   * @throws IllegalArgumentException if {@code name} is reserved or the Event API would refuse
   *     the attribute on an event of {@code eventType}
   * @throws NullPointerException if {@code name} is null
   */
  static void check(String name, Object value, String eventType, Set<String> reserved, String reporter) {
    Objects.requireNonNull(name, "name");
    if (reserved.contains(name)) {
      throw new IllegalArgumentException("attribute '" + name + "' is set by " + reporter + " itself");
    }
    Map<String, Object> probe = new LinkedHashMap<>();
    probe.put("eventType", eventType);
    probe.put(name, value);
    String problem = new EventValidator(Clock.systemUTC()).problem(probe);
    if (problem != null) {
      throw new IllegalArgumentException("attribute '" + name + "' cannot be reported: " + problem);
    }
  }
}
