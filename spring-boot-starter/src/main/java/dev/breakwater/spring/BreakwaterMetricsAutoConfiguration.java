package dev.breakwater.spring;

import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.micrometer.CircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Every breaker in Micrometer: a {@link CircuitBreakerMetrics} binder, which Spring Boot binds to
 * each {@link MeterRegistry} of the application.
 */
@AutoConfiguration(after = BreakwaterAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, CircuitBreakerMetrics.class})
public class BreakwaterMetricsAutoConfiguration {

  /** Creates the auto-configuration; Spring calls this. */
  public BreakwaterMetricsAutoConfiguration() {}

  /**
   * The binder for the whole registry.
   *
   * @param registry the breakers
   * @return the binder
   */
  @Bean
  @ConditionalOnMissingBean
  public CircuitBreakerMetrics breakwaterCircuitBreakerMetrics(CircuitBreakerRegistry registry) {
    return new CircuitBreakerMetrics(registry);
  }
}
