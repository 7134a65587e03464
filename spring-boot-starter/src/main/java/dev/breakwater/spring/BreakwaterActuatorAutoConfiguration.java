package dev.breakwater.spring;

import dev.breakwater.CircuitBreakerRegistry;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Breakwater in Actuator: the {@code circuitbreakers} and {@code circuitbreakerevents}
 * endpoints, and the {@code breakwater} health component. Bean names start with
 * {@code breakwater} so that the application can also hold Resilience4j's beans while it
 * migrates.
 */
@AutoConfiguration(after = BreakwaterAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
public class BreakwaterActuatorAutoConfiguration {

  /** Creates the auto-configuration; Spring calls this. */
  public BreakwaterActuatorAutoConfiguration() {}

  /**
   * The {@code circuitbreakers} endpoint.
   *
   * @param registry the breakers
   * @return the endpoint
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnAvailableEndpoint
  public CircuitBreakersEndpoint breakwaterCircuitBreakersEndpoint(CircuitBreakerRegistry registry) {
    return new CircuitBreakersEndpoint(registry);
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnAvailableEndpoint
  CircuitBreakerEventsEndpoint breakwaterCircuitBreakerEventsEndpoint(EventBuffer buffer) {
    return new CircuitBreakerEventsEndpoint(buffer);
  }

  /** The health component, where Spring Boot's health support is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  static class HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "breakwaterHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("breakwater")
    HealthIndicator breakwaterHealthIndicator(CircuitBreakerRegistry registry, ConfigFactory configs) {
      return new CircuitBreakersHealthIndicator(registry, configs::allowHealthIndicatorToFail);
    }
  }
}
