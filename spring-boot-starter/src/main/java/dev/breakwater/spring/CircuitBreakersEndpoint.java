package dev.breakwater.spring;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.CircuitBreakerStats;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code circuitbreakers} Actuator endpoint: every breaker's state and statistics
 * ({@code GET /actuator/circuitbreakers}), one breaker's ({@code GET .../{name}}), and a state
 * change by hand ({@code POST .../{name}} with {@code {"state": "FORCED_OPEN"}}, {@code "DISABLED"}
 * or {@code "CLOSED"}), secured like any Actuator write operation.
 */
@Endpoint(id = "circuitbreakers")
public class CircuitBreakersEndpoint {
  private final CircuitBreakerRegistry registry;

  /**
   * Creates the endpoint.
   *
   * @param registry the breakers to show
   */
  public CircuitBreakersEndpoint(CircuitBreakerRegistry registry) {
    this.registry = registry;
  }

  /**
   * Every breaker, by name.
   *
   * @return a description of each breaker, ordered by name
   */
  @ReadOperation
  public Map<String, Object> breakers() {
    Map<String, Object> all = new LinkedHashMap<>();
    Map<String, Object> breakers = new LinkedHashMap<>();
    registry.all().forEach(b -> breakers.put(b.name(), describe(b)));
    all.put("circuitBreakers", breakers);
    return all;
  }

  /**
   * One breaker.
   *
   * @param name the breaker's name
   * @return its description, or null (404) if there is none
   */
  @ReadOperation
  public Map<String, Object> breaker(@Selector String name) {
    return registry.find(name).map(CircuitBreakersEndpoint::describe).orElse(null);
  }

  /**
   * Changes a breaker's state by hand: {@code FORCED_OPEN}, {@code DISABLED}, or {@code CLOSED}
   * (a reset).
   *
   * @param name the breaker's name
   * @param state the new state
   * @return the breaker's description afterwards, or 404 if there is none
   */
  @WriteOperation
  public WebEndpointResponse<Map<String, Object>> changeState(@Selector String name, String state) {
    Optional<CircuitBreaker> found = registry.find(name);
    if (found.isEmpty()) {
      return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
    }
    CircuitBreaker breaker = found.get();
    String reason = "actuator POST /circuitbreakers/" + name;
    switch (state == null ? "" : state.strip().toUpperCase(java.util.Locale.ROOT)) {
      case "FORCED_OPEN" -> breaker.forceOpen(reason);
      case "DISABLED" -> breaker.disable(reason);
      case "CLOSED" -> breaker.reset(reason);
      default -> throw new InvalidEndpointRequestException(
          "state must be FORCED_OPEN, DISABLED or CLOSED, was " + quote(state), "bad state");
    }
    return new WebEndpointResponse<>(describe(breaker));
  }

  private static String quote(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }

  static Map<String, Object> describe(CircuitBreaker breaker) {
    CircuitBreakerStats s = breaker.stats();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("state", s.state().name());
    d.put("totalCalls", s.totalCalls());
    d.put("totalSuccesses", s.totalSuccesses());
    d.put("totalFailures", s.totalFailures());
    d.put("totalTimeouts", s.totalTimeouts());
    d.put("totalRejections", s.totalRejections());
    d.put("totalIgnored", s.totalIgnored());
    d.put("failureRate", s.failureRate());
    d.put("averageResponseTimeMs", s.averageResponseTime().toNanos() / 1_000_000.0);
    d.put("windowCalls", s.windowCalls());
    d.put("windowFailures", s.windowFailures());
    d.put("windowFailureRate", s.windowFailureRate());
    d.put("windowSlowCallRate", s.windowSlowCallRate());
    s.lastError().ifPresent(e -> d.put("lastError", e));
    d.put("config", breaker.config().toString());
    return d;
  }
}
