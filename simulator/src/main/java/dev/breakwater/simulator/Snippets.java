package dev.breakwater.simulator;

import dev.breakwater.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;

/**
 * A configuration as code to paste: a {@code CircuitBreakerConfig} builder chain and the Spring
 * Boot starter's {@code application.yml} properties ({@code breakwater.circuitbreaker.instances}),
 * each naming only the settings that differ from the defaults. Stateless.
 */
final class Snippets {
  private Snippets() {}

  static String java(CircuitBreakerConfig config, String breakerName) {
    List<ConfigKeys.Key> keys = ConfigKeys.changed(config);
    StringBuilder s = new StringBuilder("CircuitBreakerConfig config = CircuitBreakerConfig.builder(\"")
        .append(javaString(breakerName)).append("\")");
    for (ConfigKeys.Key k : keys) {
      s.append("\n    .").append(k.name()).append('(').append(javaValue(k, k.getter().apply(config))).append(')');
    }
    return s.append(keys.isEmpty() ? ".build(); // the defaults" : "\n    .build();").toString();
  }

  static String yaml(CircuitBreakerConfig config, String breakerName) {
    List<ConfigKeys.Key> keys = ConfigKeys.changed(config);
    StringBuilder s = new StringBuilder("breakwater:\n  circuitbreaker:\n    instances:\n      ")
        .append(yamlKey(breakerName)).append(':').append(keys.isEmpty() ? " {}  # the defaults" : "");
    for (ConfigKeys.Key k : keys) {
      s.append("\n        ").append(k.property()).append(": ").append(ConfigKeys.format(k, k.getter().apply(config)));
    }
    return s.toString();
  }

  private static String javaValue(ConfigKeys.Key key, Object value) {
    if (key.kind() != ConfigKeys.Kind.DURATION) {
      return ConfigKeys.format(key, value);
    }
    long nanos = ((Duration) value).toNanos();
    if (nanos % 1_000_000L != 0) {
      return "Duration.ofNanos(" + nanos + "L)";
    }
    long millis = nanos / 1_000_000L;
    if (millis != 0 && millis % 3_600_000L == 0) {
      return "Duration.ofHours(" + millis / 3_600_000L + ")";
    }
    if (millis != 0 && millis % 60_000L == 0) {
      return "Duration.ofMinutes(" + millis / 60_000L + ")";
    }
    if (millis % 1_000L == 0) {
      return "Duration.ofSeconds(" + millis / 1_000L + ")";
    }
    return "Duration.ofMillis(" + millis + ")";
  }

  private static String javaString(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String yamlKey(String name) {
    return name.matches("[A-Za-z0-9_-]+") ? name : "\"[" + name.replace("\"", "\\\"") + "]\"";
  }
}
