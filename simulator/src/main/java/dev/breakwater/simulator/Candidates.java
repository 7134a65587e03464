package dev.breakwater.simulator;

import dev.breakwater.CircuitBreakerConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Candidate configurations written as text, as {@code breakwater simulate} takes them. A
 * candidate is a comma-separated list of settings, each a config builder setter's name and a
 * value: {@code failureThreshold=5,retryDelay=10s}. Durations are written as in the demo
 * ({@code 500ms}, {@code 10s}, {@code 2m}); a rate threshold of 0 turns that policy off; settings
 * not named keep their defaults. The settings are {@code failureThreshold}, {@code successThreshold},
 * {@code halfOpenMaxCalls}, {@code timeout}, {@code retryDelay}, {@code backoffMultiplier},
 * {@code maxRetryDelay}, {@code retryJitter} (refused by the simulation unless 0),
 * {@code monitoringWindow}, {@code failureRateThreshold}, {@code slowCallDuration},
 * {@code slowCallRateThreshold}, {@code minimumCalls} and {@code maxHalfOpenWait}.
 *
 * <p>A grid gives each setting a range or a list: {@code failureThreshold=3..10} (whole numbers
 * step by 1), {@code retryDelay=2s..30s} (durations and decimals: five evenly spaced values),
 * {@code retryDelay=2s..30s:4s} (an explicit step), {@code retryDelay=2s|5s|30s} (a list), or one
 * value. Stateless and thread-safe.
 */
public final class Candidates {
  /** The most configurations one grid may hold. */
  static final int MAX_GRID = 10_000;

  private Candidates() {}

  /**
   * Reads one candidate. Its configuration is named by the text as given, so reports show it.
   *
   * @param spec settings such as {@code failureThreshold=5,retryDelay=10s}; blank for the defaults
   * @return the candidate's configuration
   * @throws IllegalArgumentException naming the setting that is unknown, malformed or invalid
   * @throws NullPointerException if {@code spec} is null
   */
  public static CircuitBreakerConfig parse(String spec) {
    Objects.requireNonNull(spec, "spec");
    String name = spec.strip().isEmpty() ? "defaults" : spec.strip();
    try {
      List<Map.Entry<ConfigKeys.Key, Object>> settings = new ArrayList<>();
      for (Map.Entry<ConfigKeys.Key, String> s : settings(spec)) {
        settings.add(Map.entry(s.getKey(), ConfigKeys.value(s.getKey(), s.getValue())));
      }
      return build(name, settings);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("candidate '" + name + "': " + e.getMessage(), e);
    }
  }

  /**
   * Expands a grid into every combination of its settings' values, the first setting varying
   * slowest. Each configuration is named by its settings, such as
   * {@code failureThreshold=3,retryDelay=2s}.
   *
   * @param spec settings with ranges or lists, such as {@code failureThreshold=3..10,retryDelay=2s..30s}
   * @return the configurations, in order
   * @throws IllegalArgumentException naming the setting that is wrong, or if the grid would hold
   *     more than 10,000 configurations
   * @throws NullPointerException if {@code spec} is null
   */
  public static List<CircuitBreakerConfig> grid(String spec) {
    Objects.requireNonNull(spec, "spec");
    try {
      List<ConfigKeys.Key> keys = new ArrayList<>();
      List<List<Object>> values = new ArrayList<>();
      long combinations = 1;
      for (Map.Entry<ConfigKeys.Key, String> s : settings(spec)) {
        keys.add(s.getKey());
        List<Object> v = GridValues.expand(s.getKey(), s.getValue());
        values.add(v);
        combinations *= v.size();
        if (combinations > MAX_GRID) {
          throw new IllegalArgumentException("the grid holds more than " + MAX_GRID
              + " configurations; narrow a range or give a step");
        }
      }
      if (keys.isEmpty()) {
        throw new IllegalArgumentException("the grid names no setting");
      }
      List<CircuitBreakerConfig> configs = new ArrayList<>((int) combinations);
      int[] index = new int[keys.size()];
      for (long c = 0; c < combinations; c++) {
        List<Map.Entry<ConfigKeys.Key, Object>> point = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        for (int k = 0; k < keys.size(); k++) {
          Object value = values.get(k).get(index[k]);
          point.add(Map.entry(keys.get(k), value));
          name.append(k == 0 ? "" : ",").append(keys.get(k).name()).append('=')
              .append(ConfigKeys.format(keys.get(k), value));
        }
        try {
          configs.add(build(name.toString(), point));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("grid point '" + name + "': " + e.getMessage(), e);
        }
        for (int k = keys.size() - 1; k >= 0; k--) {
          if (++index[k] < values.get(k).size()) {
            break;
          }
          index[k] = 0;
        }
      }
      return List.copyOf(configs);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("grid '" + spec.strip() + "': " + e.getMessage(), e);
    }
  }

  /** The settings of {@code spec} as key and value text, in order; each key at most once. */
  private static List<Map.Entry<ConfigKeys.Key, String>> settings(String spec) {
    List<Map.Entry<ConfigKeys.Key, String>> settings = new ArrayList<>();
    if (spec.isBlank()) {
      return settings;
    }
    Set<String> seen = new HashSet<>();
    for (String part : spec.split(",", -1)) {
      String p = part.strip();
      int eq = p.indexOf('=');
      if (p.isEmpty()) {
        throw new IllegalArgumentException("empty setting (two commas in a row, or one at an end?)");
      }
      if (eq <= 0 || eq == p.length() - 1) {
        throw new IllegalArgumentException("expected setting=value, like failureThreshold=5, found '" + p + "'");
      }
      ConfigKeys.Key key = ConfigKeys.find(p.substring(0, eq));
      if (!seen.add(key.name())) {
        throw new IllegalArgumentException(key.name() + " is given twice");
      }
      settings.add(Map.entry(key, p.substring(eq + 1)));
    }
    return settings;
  }

  private static CircuitBreakerConfig build(String name, List<Map.Entry<ConfigKeys.Key, Object>> settings) {
    CircuitBreakerConfig.Builder builder = CircuitBreakerConfig.builder(name);
    for (Map.Entry<ConfigKeys.Key, Object> s : settings) {
      s.getKey().setter().accept(builder, s.getValue());
    }
    try {
      return builder.build();
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
