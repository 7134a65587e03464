package dev.breakwater.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every property, its default, inheritance through presets, and bad values. */
class PropertiesTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(BreakwaterAutoConfiguration.class));

  private static CircuitBreakerConfig config(org.springframework.context.ApplicationContext c, String name) {
    return c.getBean(CircuitBreakerRegistry.class).find(name).orElseThrow().config();
  }

  @Test
  void withoutPropertiesTheRegistryHasBreakwatersDefaults() {
    runner.run(c -> {
      CircuitBreakerRegistry registry = c.getBean(CircuitBreakerRegistry.class);
      assertThat(registry.all()).isEmpty();
      CircuitBreakerConfig made = registry.breaker("anything").config();
      CircuitBreakerConfig defaults = CircuitBreakerConfig.builder("anything").build();
      assertThat(made.failureThreshold()).isEqualTo(defaults.failureThreshold());
      assertThat(made.timeout()).isEqualTo(defaults.timeout());
    });
  }

  @Test
  void everyPropertyReachesTheBreakerConfig() {
    String p = "breakwater.circuitbreaker.instances.inventory.";
    runner.withPropertyValues(p + "failure-threshold=3", p + "success-threshold=4",
        p + "half-open-max-calls=2", p + "timeout=2s", p + "retry-delay=10s",
        p + "backoff-multiplier=2", p + "max-retry-delay=1m", p + "retry-jitter=0.2",
        p + "monitoring-window=30s", p + "failure-rate-threshold=50",
        p + "slow-call-duration=800ms", p + "slow-call-rate-threshold=60", p + "minimum-calls=20",
        p + "max-half-open-wait=90s", p + "record-exceptions=java.io.IOException",
        p + "ignore-exceptions=java.lang.IllegalArgumentException,java.lang.IllegalStateException")
        .run(c -> {
          CircuitBreakerConfig cfg = config(c, "inventory");
          assertThat(cfg.failureThreshold()).isEqualTo(3);
          assertThat(cfg.successThreshold()).isEqualTo(4);
          assertThat(cfg.halfOpenMaxCalls()).isEqualTo(2);
          assertThat(cfg.timeout()).isEqualTo(Duration.ofSeconds(2));
          assertThat(cfg.retryDelay()).isEqualTo(Duration.ofSeconds(10));
          assertThat(cfg.backoffMultiplier()).isEqualTo(2.0);
          assertThat(cfg.maxRetryDelay()).isEqualTo(Duration.ofMinutes(1));
          assertThat(cfg.retryJitter()).isEqualTo(0.2);
          assertThat(cfg.monitoringWindow()).isEqualTo(Duration.ofSeconds(30));
          assertThat(cfg.failureRateThreshold()).hasValue(50.0);
          assertThat(cfg.slowCallDuration()).isEqualTo(Duration.ofMillis(800));
          assertThat(cfg.slowCallRateThreshold()).hasValue(60.0);
          assertThat(cfg.minimumCalls()).isEqualTo(20);
          assertThat(cfg.maxHalfOpenWait()).isEqualTo(Duration.ofSeconds(90));
          assertThat(cfg.recordFailure().test(new java.io.IOException())).isTrue();
          assertThat(cfg.recordFailure().test(new RuntimeException())).isFalse();
          assertThat(cfg.ignored()).containsExactlyInAnyOrder(IllegalArgumentException.class,
              IllegalStateException.class);
        });
  }

  @Test
  void instancesInheritFromTheirBaseConfigThenFromDefault() {
    runner.withPropertyValues(
        "breakwater.circuitbreaker.configs.default.timeout=3s",
        "breakwater.circuitbreaker.configs.default.failure-threshold=7",
        "breakwater.circuitbreaker.configs.slow.timeout=20s",
        "breakwater.circuitbreaker.instances.reports.base-config=slow",
        "breakwater.circuitbreaker.instances.inventory.retry-delay=9s")
        .run(c -> {
          assertThat(config(c, "reports").timeout()).isEqualTo(Duration.ofSeconds(20));
          assertThat(config(c, "reports").failureThreshold()).isEqualTo(7);
          assertThat(config(c, "inventory").timeout()).isEqualTo(Duration.ofSeconds(3));
          assertThat(config(c, "inventory").retryDelay()).isEqualTo(Duration.ofSeconds(9));
          CircuitBreakerRegistry registry = c.getBean(CircuitBreakerRegistry.class);
          assertThat(registry.breaker("unknown").config().timeout()).isEqualTo(Duration.ofSeconds(3));
        });
  }

  @Test
  void aBadValueFailsStartupNamingThePropertyPathAndTheValue() {
    runner.withPropertyValues("breakwater.circuitbreaker.instances.inventory.failure-threshold=0")
        .run(c -> assertThat(c).hasFailed().getFailure().rootCause()
            .isInstanceOf(BreakwaterConfigurationException.class)
            .hasMessage("breakwater.circuitbreaker.instances.inventory.failure-threshold must be >= 1, was 0"));
    runner.withPropertyValues("breakwater.circuitbreaker.configs.default.failure-rate-threshold=120")
        .run(c -> assertThat(c).hasFailed().getFailure().rootCause()
            .hasMessage("breakwater.circuitbreaker.configs.default.failure-rate-threshold must be in (0, 100], was 120.0"));
    runner.withPropertyValues("breakwater.circuitbreaker.instances.x.slow-call-rate-threshold=50")
        .run(c -> assertThat(c).hasFailed().getFailure().rootCause()
            .hasMessageStartingWith("breakwater.circuitbreaker.instances.x: slow-call-rate-threshold (50.0) needs a slow-call-duration > 0"));
  }

  @Test
  void anUnknownExceptionClassOrPresetFailsStartupTheSameWay() {
    runner.withPropertyValues("breakwater.circuitbreaker.instances.inventory.ignore-exceptions=com.example.Nope")
        .run(c -> assertThat(c).hasFailed().getFailure().rootCause()
            .hasMessage("breakwater.circuitbreaker.instances.inventory.ignore-exceptions[0] names no class on the class path, was 'com.example.Nope'"));
    runner.withPropertyValues("breakwater.circuitbreaker.instances.inventory.record-exceptions=java.lang.String")
        .run(c -> assertThat(c).hasFailed().getFailure().rootCause()
            .hasMessageContaining("record-exceptions[0] must name an exception class, was 'java.lang.String'"));
    runner.withPropertyValues("breakwater.circuitbreaker.instances.inventory.base-config=missing")
        .run(c -> assertThat(c).hasFailed().getFailure().rootCause()
            .hasMessageStartingWith("breakwater.circuitbreaker.instances.inventory.base-config names no preset"));
  }

  @Test
  void aRegistryBeanOfYourOwnReplacesOursAndStillGetsTheConfiguredInstances() {
    runner.withUserConfiguration(OwnRegistry.class)
        .withPropertyValues("breakwater.circuitbreaker.instances.inventory.failure-threshold=2")
        .run(c -> {
          assertThat(c.getBean(CircuitBreakerRegistry.class)).isSameAs(OwnRegistry.REGISTRY);
          assertThat(OwnRegistry.REGISTRY.find("inventory")).isPresent();
          assertThat(config(c, "inventory").failureThreshold()).isEqualTo(2);
        });
  }

  @Test
  void configurationMetadataIsGeneratedForIdeAutoCompletion() throws IOException {
    try (InputStream in = PropertiesTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("metadata on the class path").isNotNull();
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(json).contains("\"breakwater.circuitbreaker.configs\"",
          "\"breakwater.circuitbreaker.instances\"", "\"breakwater.newrelic.enabled\"",
          "\"breakwater.newrelic.report-interval\"", "\"breakwater.newrelic.dashboard.provision\"",
          "\"breakwater.circuitbreaker.events.buffer-size\"");
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnRegistry {
    static final CircuitBreakerRegistry REGISTRY = CircuitBreakerRegistry.create();

    @Bean
    CircuitBreakerRegistry myRegistry() {
      return REGISTRY;
    }
  }
}
