package dev.breakwater.simulator;

import dev.breakwater.CircuitBreakerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The configuration settings a candidate may name: the config builder's setters that take a
 * number or a duration, with their value type, how to apply a value and how to read it back. Keys
 * are matched ignoring case, dashes and underscores, so {@code failure-threshold} (the Spring
 * property) names {@code failureThreshold}. A rate threshold of 0 means the policy is off.
 * Stateless.
 */
final class ConfigKeys {
  /** The type of a setting's value. */
  enum Kind { WHOLE, DECIMAL, DURATION }

  /** One setting: its setter's name, value type, how to set it and how to read it. */
  record Key(String name, Kind kind, BiConsumer<CircuitBreakerConfig.Builder, Object> setter,
      Function<CircuitBreakerConfig, Object> getter) {
    /** The Spring Boot property name: the setter's name in kebab-case. */
    String property() {
      return name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }
  }

  static final List<Key> KEYS = List.of(
      whole("failureThreshold", CircuitBreakerConfig.Builder::failureThreshold, CircuitBreakerConfig::failureThreshold),
      whole("successThreshold", CircuitBreakerConfig.Builder::successThreshold, CircuitBreakerConfig::successThreshold),
      whole("halfOpenMaxCalls", CircuitBreakerConfig.Builder::halfOpenMaxCalls, CircuitBreakerConfig::halfOpenMaxCalls),
      duration("timeout", CircuitBreakerConfig.Builder::timeout, CircuitBreakerConfig::timeout),
      duration("retryDelay", CircuitBreakerConfig.Builder::retryDelay, CircuitBreakerConfig::retryDelay),
      decimal("backoffMultiplier", CircuitBreakerConfig.Builder::backoffMultiplier,
          CircuitBreakerConfig::backoffMultiplier),
      duration("maxRetryDelay", CircuitBreakerConfig.Builder::maxRetryDelay, CircuitBreakerConfig::maxRetryDelay),
      decimal("retryJitter", CircuitBreakerConfig.Builder::retryJitter, CircuitBreakerConfig::retryJitter),
      duration("monitoringWindow", CircuitBreakerConfig.Builder::monitoringWindow,
          CircuitBreakerConfig::monitoringWindow),
      decimal("failureRateThreshold", ConfigKeys::failureRateThreshold,
          c -> c.failureRateThreshold().orElse(0)),
      duration("slowCallDuration", CircuitBreakerConfig.Builder::slowCallDuration,
          CircuitBreakerConfig::slowCallDuration),
      decimal("slowCallRateThreshold", ConfigKeys::slowCallRateThreshold,
          c -> c.slowCallRateThreshold().orElse(0)),
      whole("minimumCalls", CircuitBreakerConfig.Builder::minimumCalls, CircuitBreakerConfig::minimumCalls),
      duration("maxHalfOpenWait", CircuitBreakerConfig.Builder::maxHalfOpenWait,
          CircuitBreakerConfig::maxHalfOpenWait));

  private static final CircuitBreakerConfig DEFAULTS = CircuitBreakerConfig.builder("defaults").build();

  private ConfigKeys() {}

  /**
   * @throws IllegalArgumentException naming the closest key if {@code typed} names none
   */
  static Key find(String typed) {
    String normalized = normalize(typed);
    for (Key k : KEYS) {
      if (normalize(k.name()).equals(normalized)) {
        return k;
      }
    }
    List<String> names = KEYS.stream().map(Key::name).toList();
    throw new IllegalArgumentException("unknown setting '" + typed + "'"
        + Suggestions.closest(typed, names).map(s -> " (did you mean " + s + "?)")
            .orElse("; the settings are " + String.join(", ", names)));
  }

  private static String normalize(String key) {
    return key.strip().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException saying what a value of the key looks like
   */
  static Object value(Key key, String text) {
    String v = text.strip();
    switch (key.kind()) {
      case WHOLE:
        try {
          return Integer.valueOf(v);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(key.name() + ": '" + text + "' is not a whole number");
        }
      case DECIMAL:
        try {
          double d = Double.parseDouble(v);
          if (!Double.isFinite(d) || !v.matches("-?\\d+(\\.\\d+)?")) {
            throw new NumberFormatException();
          }
          return d;
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(key.name() + ": '" + text + "' is not a number like 50 or 2.5");
        }
      default:
        return Durations.parse(v).orElseThrow(() -> new IllegalArgumentException(key.name() + ": '" + text
            + "' is not a duration like 500ms, 10s or 2m"));
    }
  }

  /** A value as the candidate syntax writes it: {@code 5}, {@code 2.5}, {@code 10s}. */
  static String format(Key key, Object value) {
    return switch (key.kind()) {
      case WHOLE -> value.toString();
      case DECIMAL -> Rates.format((Double) value);
      case DURATION -> Durations.format((Duration) value);
    };
  }

  /** The settings of {@code config} that differ from their defaults, in {@link #KEYS} order. */
  static List<Key> changed(CircuitBreakerConfig config) {
    List<Key> keys = new ArrayList<>();
    for (Key k : KEYS) {
      if (!Objects.equals(k.getter().apply(config), defaultOf(k, config))) {
        keys.add(k);
      }
    }
    return keys;
  }

  /** The value a key takes when not set, which for some keys follows other settings. */
  private static Object defaultOf(Key key, CircuitBreakerConfig config) {
    switch (key.name()) {
      case "halfOpenMaxCalls":
        return config.successThreshold();
      case "maxRetryDelay":
        return config.retryDelay();
      case "maxHalfOpenWait": {
        Duration twice = config.timeout().multipliedBy(2);
        Duration floor = DEFAULTS.maxHalfOpenWait();
        return twice.compareTo(floor) > 0 ? twice : floor;
      }
      default:
        return key.getter().apply(DEFAULTS);
    }
  }

  private static Key whole(String name, BiConsumer<CircuitBreakerConfig.Builder, Integer> setter,
      Function<CircuitBreakerConfig, Integer> getter) {
    return new Key(name, Kind.WHOLE, (b, v) -> setter.accept(b, (Integer) v), getter::apply);
  }

  private static Key decimal(String name, BiConsumer<CircuitBreakerConfig.Builder, Double> setter,
      Function<CircuitBreakerConfig, Double> getter) {
    return new Key(name, Kind.DECIMAL, (b, v) -> setter.accept(b, (Double) v), getter::apply);
  }

  private static Key duration(String name, BiConsumer<CircuitBreakerConfig.Builder, Duration> setter,
      Function<CircuitBreakerConfig, Duration> getter) {
    return new Key(name, Kind.DURATION, (b, v) -> setter.accept(b, (Duration) v), getter::apply);
  }

  /** 0 turns the policy off, which the builder expresses by not setting it. */
  private static void failureRateThreshold(CircuitBreakerConfig.Builder b, double percent) {
    if (percent != 0) {
      b.failureRateThreshold(percent);
    }
  }

  private static void slowCallRateThreshold(CircuitBreakerConfig.Builder b, double percent) {
    if (percent != 0) {
      b.slowCallRateThreshold(percent);
    }
  }
}
