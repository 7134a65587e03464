package dev.breakwater.spring;

import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerRegistry;
import java.util.Map;
import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Role;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Breakwater's core wiring: the {@link CircuitBreakerRegistry} (a bean of your own replaces it)
 * holding every breaker configured under {@code breakwater.circuitbreaker.instances}, the
 * {@link CircuitBreaker @CircuitBreaker} advice with fallbacks checked at startup, and the recent
 * events buffer.
 */
@AutoConfiguration
@EnableConfigurationProperties(BreakwaterProperties.class)
@Import(BreakwaterAutoConfiguration.AutoProxyRegistrar.class)
public class BreakwaterAutoConfiguration {

  /** Creates the auto-configuration; Spring calls this. */
  public BreakwaterAutoConfiguration() {}

  @Bean
  ConfigFactory breakwaterConfigFactory(BreakwaterProperties properties) {
    return new ConfigFactory(properties, BreakwaterAutoConfiguration.class.getClassLoader());
  }

  /**
   * The registry; breakers not configured by name are created from {@code configs.default}.
   *
   * @param configs the properties, as configs
   * @return the registry
   */
  @Bean
  @ConditionalOnMissingBean
  public CircuitBreakerRegistry breakwaterCircuitBreakerRegistry(ConfigFactory configs) {
    return CircuitBreakerRegistry.create(configs.defaults());
  }

  @Bean
  ConfiguredBreakers breakwaterConfiguredBreakers(CircuitBreakerRegistry registry, ConfigFactory configs) {
    return new ConfiguredBreakers(registry, configs.instances());
  }

  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  static ProtectedMethods breakwaterProtectedMethods(ObjectProvider<CircuitBreakerRegistry> registry) {
    return new ProtectedMethods(registry::getObject);
  }

  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  static CircuitBreakerAdvisor breakwaterCircuitBreakerAdvisor(ProtectedMethods methods) {
    return new CircuitBreakerAdvisor(new CircuitBreakerInterceptor(methods));
  }

  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  static AnnotationChecker breakwaterAnnotationChecker(ObjectProvider<ProtectedMethods> methods) {
    return new AnnotationChecker(methods);
  }

  @Bean(destroyMethod = "close")
  EventBuffer breakwaterEventBuffer(CircuitBreakerRegistry registry, BreakwaterProperties properties,
      ConfiguredBreakers configured) {
    return new EventBuffer(registry, properties.getEvents().getBufferSize(),
        properties.getEvents().isIncludeSuccesses());
  }

  /** The breakers configured by name, created (or reconfigured) in the registry at startup. */
  static final class ConfiguredBreakers {
    ConfiguredBreakers(CircuitBreakerRegistry registry, Map<String, CircuitBreakerConfig> configs) {
      configs.values().forEach(config -> {
        if (registry.find(config.name()).isPresent()) {
          registry.reconfigure(config);
        } else {
          registry.breaker(config);
        }
      });
    }
  }

  /** Makes sure an auto-proxy creator applies infrastructure advisors such as ours. */
  static final class AutoProxyRegistrar implements ImportBeanDefinitionRegistrar {
    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
      AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
      AopConfigUtils.forceAutoProxyCreatorToUseClassProxying(registry);
    }
  }
}
