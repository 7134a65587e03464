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
 * endpoints, and the {@code circuitBreakers} health component.
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
  public CircuitBreakersEndpoint circuitBreakersEndpoint(CircuitBreakerRegistry registry) {
    return new CircuitBreakersEndpoint(registry);
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnAvailableEndpoint
  CircuitBreakerEventsEndpoint circuitBreakerEventsEndpoint(EventBuffer buffer) {
    return new CircuitBreakerEventsEndpoint(buffer);
  }

  /** The health component, where Spring Boot's health support is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  static class HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "circuitBreakersHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("circuitbreakers")
    HealthIndicator circuitBreakersHealthIndicator(CircuitBreakerRegistry registry, ConfigFactory configs) {
      return new CircuitBreakersHealthIndicator(registry, configs::allowHealthIndicatorToFail);
    }
  }
}
