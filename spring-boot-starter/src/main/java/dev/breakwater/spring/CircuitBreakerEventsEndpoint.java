package dev.breakwater.spring;

import dev.breakwater.CircuitBreakerEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code circuitbreakerevents} Actuator endpoint: the last events of every breaker
 * ({@code GET /actuator/circuitbreakerevents}) or of one ({@code GET .../{name}}), oldest first, as
 * many as {@code breakwater.circuitbreaker.events.buffer-size} keeps per breaker.
 */
@Endpoint(id = "circuitbreakerevents")
public class CircuitBreakerEventsEndpoint {
  private final EventBuffer buffer;

  CircuitBreakerEventsEndpoint(EventBuffer buffer) {
    this.buffer = buffer;
  }

  /**
   * The recent events of every breaker.
   *
   * @return events by breaker name
   */
  @ReadOperation
  public Map<String, Object> events() {
    Map<String, Object> byBreaker = new LinkedHashMap<>();
    for (String name : buffer.breakers()) {
      byBreaker.put(name, describe(buffer.events(name)));
    }
    return Map.of("circuitBreakerEvents", byBreaker);
  }

  /**
   * The recent events of one breaker.
   *
   * @param name the breaker's name
   * @return its events, oldest first (empty for an unknown breaker)
   */
  @ReadOperation
  public List<Map<String, Object>> events(@Selector String name) {
    return describe(buffer.events(name));
  }

  private static List<Map<String, Object>> describe(List<EventBuffer.Recorded> events) {
    List<Map<String, Object>> out = new ArrayList<>(events.size());
    for (EventBuffer.Recorded r : events) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("time", r.at().toString());
      CircuitBreakerEvent event = r.event();
      e.put("type", event.getClass().getSimpleName());
      if (event instanceof CircuitBreakerEvent.Success s) {
        e.put("state", s.state().name());
        e.put("elapsedMs", s.elapsed().toNanos() / 1_000_000.0);
      } else if (event instanceof CircuitBreakerEvent.Failure f) {
        e.put("state", f.state().name());
        e.put("elapsedMs", f.elapsed().toNanos() / 1_000_000.0);
        e.put("error", f.error().getClass().getName());
      } else if (event instanceof CircuitBreakerEvent.Timeout t) {
        e.put("state", t.state().name());
        e.put("elapsedMs", t.elapsed().toNanos() / 1_000_000.0);
      } else if (event instanceof CircuitBreakerEvent.Ignored ignored) {
        e.put("state", ignored.state().name());
        ignored.error().ifPresent(x -> e.put("error", x.getClass().getName()));
      } else if (event instanceof CircuitBreakerEvent.Rejected rejected) {
        e.put("state", rejected.state().name());
      } else if (event instanceof CircuitBreakerEvent.StateChanged c) {
        e.put("from", c.from().name());
        e.put("to", c.to().name());
        e.put("reason", c.reason());
      }
      out.add(e);
    }
    return out;
  }
}
