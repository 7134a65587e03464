package dev.breakwater.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Breakwater's circuit breakers in application properties, under
 * {@code breakwater.circuitbreaker}:
 *
 * <pre>
 * breakwater:
 *   circuitbreaker:
 *     configs:
 *       default:            # applies to every breaker
 *         timeout: 2s
 *       slow-backends:
 *         timeout: 10s
 *     instances:
 *       inventory:
 *         base-config: slow-backends
 *         failure-threshold: 3
 *         ignore-exceptions: java.lang.IllegalArgumentException
 * </pre>
 */
@ConfigurationProperties(prefix = BreakwaterProperties.PREFIX)
public class BreakwaterProperties {
  /** The prefix of these properties. */
  public static final String PREFIX = "breakwater.circuitbreaker";

  /** Shared presets by name; "default" applies to every breaker and preset. */
  private Map<String, InstanceProperties> configs = new LinkedHashMap<>();
  /** Breakers by name, created at startup. */
  private Map<String, InstanceProperties> instances = new LinkedHashMap<>();
  /** The recent events kept per breaker for the circuitbreakerevents endpoint. */
  private final Events events = new Events();

  /** @return the presets by name */
  public Map<String, InstanceProperties> getConfigs() {
    return configs;
  }

  /** @param configs the presets by name */
  public void setConfigs(Map<String, InstanceProperties> configs) {
    this.configs = configs;
  }

  /** @return the breakers by name */
  public Map<String, InstanceProperties> getInstances() {
    return instances;
  }

  /** @param instances the breakers by name */
  public void setInstances(Map<String, InstanceProperties> instances) {
    this.instances = instances;
  }

  /** @return the event buffer settings */
  public Events getEvents() {
    return events;
  }

  /** Settings of the recent-events buffer behind the {@code circuitbreakerevents} endpoint. */
  public static class Events {
    /** Events kept per breaker, newest last; 0 keeps none and subscribes to nothing. */
    private int bufferSize = 100;

    /** @return events kept per breaker */
    public int getBufferSize() {
      return bufferSize;
    }

    /** @param bufferSize events kept per breaker; 0 keeps none */
    public void setBufferSize(int bufferSize) {
      this.bufferSize = bufferSize;
    }

    /**
     * Whether the buffer keeps successful calls too. Off by default: a healthy service's last
     * events would all be successes, and keeping them makes every call build an event.
     */
    private boolean includeSuccesses;

    /** @return whether successful calls are kept */
    public boolean isIncludeSuccesses() {
      return includeSuccesses;
    }

    /** @param includeSuccesses whether successful calls are kept */
    public void setIncludeSuccesses(boolean includeSuccesses) {
      this.includeSuccesses = includeSuccesses;
    }
  }
}
