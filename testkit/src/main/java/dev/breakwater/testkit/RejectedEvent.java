package dev.breakwater.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An event that the fake Event API accepted in a payload (HTTP 200, as New Relic does) but then
 * dropped, as New Relic's asynchronous validation would, recording it as an
 * {@code NrIntegrationError}. Immutable and thread-safe as long as nested values in
 * {@code event} are not modified.
 *
 * @param event the event as received, with Jackson's natural Java values; nested objects and
 *     arrays appear as {@code Map} and {@code List}, JSON null as {@code null}
 * @param reason why it was rejected, naming the attribute, for example
 *     {@code "eventType 'Metric' is reserved"}
 */
public record RejectedEvent(Map<String, Object> event, String reason) {

  /**
   * Copies the event into an unmodifiable map.
   *
   * @param event the {@link #event()} component
   * @param reason the {@link #reason()} component
   * @throws NullPointerException if an argument is null
   */
  public RejectedEvent {
    event = Collections.unmodifiableMap(
        new LinkedHashMap<>(Objects.requireNonNull(event, "event")));
    Objects.requireNonNull(reason, "reason");
  }
}
