package dev.breakwater.spring;

import dev.breakwater.CircuitBreakerConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Turns {@link BreakwaterProperties} into {@link CircuitBreakerConfig}s: Breakwater's defaults,
 * then {@code configs.default}, then the instance's base preset, then the instance itself. A bad
 * value becomes one {@link BreakwaterConfigurationException} naming the property path: the core's
 * own message ("failureThreshold must be >= 1, was 0") with the field replaced by the path.
 * Immutable once built.
 */
final class ConfigFactory {
  static final String DEFAULT = "default";

  private final BreakwaterProperties properties;
  private final ClassLoader classLoader;

  ConfigFactory(BreakwaterProperties properties, ClassLoader classLoader) {
    this.properties = properties;
    this.classLoader = classLoader;
  }

  /** The config of breakers that are not configured by name: {@code configs.default}. */
  CircuitBreakerConfig defaults() {
    CircuitBreakerConfig.Builder b = CircuitBreakerConfig.builder(DEFAULT);
    InstanceProperties d = properties.getConfigs().get(DEFAULT);
    if (d != null) {
      apply(b, d, BreakwaterProperties.PREFIX + ".configs." + DEFAULT);
    }
    return build(b, BreakwaterProperties.PREFIX + ".configs." + DEFAULT);
  }

  /** Every configured instance, by name, in declaration order. */
  Map<String, CircuitBreakerConfig> instances() {
    Map<String, CircuitBreakerConfig> configs = new LinkedHashMap<>();
    properties.getInstances().forEach((name, instance) -> configs.put(name, instance(name, instance)));
    return configs;
  }

  /** Whether the health indicator may turn DOWN when this breaker is open. */
  boolean allowHealthIndicatorToFail(String name) {
    for (InstanceProperties p : chain(name, properties.getInstances().get(name))) {
      if (p.getAllowHealthIndicatorToFail() != null) {
        return p.getAllowHealthIndicatorToFail();
      }
    }
    return false;
  }

  private CircuitBreakerConfig instance(String name, InstanceProperties instance) {
    String path = BreakwaterProperties.PREFIX + ".instances." + name;
    CircuitBreakerConfig.Builder b = builder(name, path);
    List<InstanceProperties> chain = chain(name, instance);
    for (int i = chain.size() - 1; i >= 0; i--) {
      apply(b, chain.get(i), pathOf(name, chain.get(i), instance));
    }
    return build(b, path);
  }

  private String pathOf(String name, InstanceProperties p, InstanceProperties instance) {
    if (p == instance) {
      return BreakwaterProperties.PREFIX + ".instances." + name;
    }
    for (Map.Entry<String, InstanceProperties> e : properties.getConfigs().entrySet()) {
      if (e.getValue() == p) {
        return BreakwaterProperties.PREFIX + ".configs." + e.getKey();
      }
    }
    return BreakwaterProperties.PREFIX;
  }

  /** The instance, its base preset and {@code configs.default}, most specific first. */
  private List<InstanceProperties> chain(String name, InstanceProperties instance) {
    List<InstanceProperties> chain = new ArrayList<>();
    if (instance != null) {
      chain.add(instance);
      String base = instance.getBaseConfig();
      if (base != null && !base.equals(DEFAULT)) {
        InstanceProperties preset = properties.getConfigs().get(base);
        if (preset == null) {
          throw new BreakwaterConfigurationException(BreakwaterProperties.PREFIX + ".instances."
              + name + ".base-config names no preset under " + BreakwaterProperties.PREFIX
              + ".configs, was '" + base + "' (known: " + properties.getConfigs().keySet() + ")");
        }
        chain.add(preset);
      }
    }
    InstanceProperties d = properties.getConfigs().get(DEFAULT);
    if (d != null) {
      chain.add(d);
    }
    return chain;
  }

  private static CircuitBreakerConfig.Builder builder(String name, String path) {
    try {
      return CircuitBreakerConfig.builder(name);
    } catch (IllegalArgumentException e) {
      throw new BreakwaterConfigurationException(path + ": " + e.getMessage());
    }
  }

  private void apply(CircuitBreakerConfig.Builder b, InstanceProperties p, String path) {
    set(path, "failure-threshold", p.getFailureThreshold(), b::failureThreshold);
    set(path, "success-threshold", p.getSuccessThreshold(), b::successThreshold);
    set(path, "half-open-max-calls", p.getHalfOpenMaxCalls(), b::halfOpenMaxCalls);
    set(path, "timeout", p.getTimeout(), b::timeout);
    set(path, "retry-delay", p.getRetryDelay(), b::retryDelay);
    set(path, "backoff-multiplier", p.getBackoffMultiplier(), b::backoffMultiplier);
    set(path, "max-retry-delay", p.getMaxRetryDelay(), b::maxRetryDelay);
    set(path, "retry-jitter", p.getRetryJitter(), b::retryJitter);
    set(path, "monitoring-window", p.getMonitoringWindow(), b::monitoringWindow);
    set(path, "failure-rate-threshold", p.getFailureRateThreshold(), b::failureRateThreshold);
    set(path, "slow-call-duration", p.getSlowCallDuration(), b::slowCallDuration);
    set(path, "slow-call-rate-threshold", p.getSlowCallRateThreshold(), b::slowCallRateThreshold);
    set(path, "minimum-calls", p.getMinimumCalls(), b::minimumCalls);
    set(path, "max-half-open-wait", p.getMaxHalfOpenWait(), b::maxHalfOpenWait);
    if (!p.getRecordExceptions().isEmpty()) {
      List<Class<? extends Throwable>> record = classes(path + ".record-exceptions", p.getRecordExceptions());
      b.recordFailure(new RecordExceptions(record));
    }
    if (!p.getIgnoreExceptions().isEmpty()) {
      b.ignore(array(classes(path + ".ignore-exceptions", p.getIgnoreExceptions())));
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Class<? extends Throwable>[] array(List<Class<? extends Throwable>> types) {
    return types.toArray(new Class[0]);
  }

  private static <T> void set(String path, String property, T value, Consumer<T> setter) {
    if (value == null) {
      return;
    }
    try {
      setter.accept(value);
    } catch (IllegalArgumentException e) {
      throw new BreakwaterConfigurationException(path + "." + property + rest(e.getMessage()));
    }
  }

  /** The core's message without its leading field name: " must be >= 1, was 0". */
  private static String rest(String message) {
    int space = message == null ? -1 : message.indexOf(' ');
    return space < 0 ? ": " + message : message.substring(space);
  }

  private static CircuitBreakerConfig build(CircuitBreakerConfig.Builder b, String path) {
    try {
      return b.build();
    } catch (IllegalStateException e) {
      throw new BreakwaterConfigurationException(path + ": " + kebab(e.getMessage()));
    }
  }

  private List<Class<? extends Throwable>> classes(String path, List<String> names) {
    List<Class<? extends Throwable>> classes = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i) == null ? "" : names.get(i).strip();
      Class<?> type;
      try {
        type = Class.forName(name, false, classLoader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new BreakwaterConfigurationException(path + "[" + i + "] names no class on the class path, was '"
            + name + "'");
      }
      if (!Throwable.class.isAssignableFrom(type)) {
        throw new BreakwaterConfigurationException(path + "[" + i + "] must name an exception class, was '"
            + name + "'");
      }
      classes.add(type.asSubclass(Throwable.class));
    }
    return classes;
  }

  /** "slowCallRateThreshold (50.0) needs a slowCallDuration > 0" in property names. */
  private static String kebab(String message) {
    StringBuilder out = new StringBuilder();
    for (String word : message.split(" ", -1)) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(FIELDS.contains(word) ? toKebab(word) : word);
    }
    return out.toString();
  }

  private static final Set<String> FIELDS = Set.of("failureThreshold", "successThreshold",
      "halfOpenMaxCalls", "timeout", "retryDelay", "backoffMultiplier", "maxRetryDelay",
      "retryJitter", "monitoringWindow", "failureRateThreshold", "slowCallDuration",
      "slowCallRateThreshold", "minimumCalls", "maxHalfOpenWait");

  static String toKebab(String camel) {
    StringBuilder out = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append('-').append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Exceptions of the listed types (and subtypes) are failures; all others are answers. */
  private static final class RecordExceptions implements Predicate<Throwable> {
    private final List<Class<? extends Throwable>> types;

    RecordExceptions(List<Class<? extends Throwable>> types) {
      this.types = List.copyOf(types);
    }

    @Override
    public boolean test(Throwable t) {
      for (Class<? extends Throwable> type : types) {
        if (type.isInstance(t)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RecordExceptions r && r.types.equals(types);
    }

    @Override
    public int hashCode() {
      return types.hashCode();
    }

    @Override
    public String toString() {
      return "record-exceptions " + types;
    }
  }
}
