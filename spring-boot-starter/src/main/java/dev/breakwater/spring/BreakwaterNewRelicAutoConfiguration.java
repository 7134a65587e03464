package dev.breakwater.spring;

import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.newrelic.BreakwaterNewRelic;
import dev.breakwater.newrelic.NewRelicConfig;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Reporting to New Relic with {@code breakwater.newrelic.enabled=true}: a
 * {@link BreakwaterNewRelic} bean that reports every breaker of the registry, named after
 * {@code spring.application.name}, closed at shutdown (a last report, buffers drained for at
 * most {@code breakwater.newrelic.close-timeout}). With
 * {@code breakwater.newrelic.dashboard.provision=true} the dashboard is created or updated in the
 * background once the application is ready; a New Relic that cannot be reached is logged, never
 * a reason to fail or delay startup.
 */
@AutoConfiguration(after = BreakwaterAutoConfiguration.class)
@ConditionalOnClass(BreakwaterNewRelic.class)
@ConditionalOnBooleanProperty("breakwater.newrelic.enabled")
@EnableConfigurationProperties(NewRelicProperties.class)
public class BreakwaterNewRelicAutoConfiguration {
  private static final System.Logger LOG = System.getLogger("dev.breakwater.spring.NewRelic");

  /** Creates the auto-configuration; Spring calls this. */
  public BreakwaterNewRelicAutoConfiguration() {}

  /**
   * The New Relic composition root, reporting the registry.
   *
   * @param properties {@code breakwater.newrelic.*}
   * @param registry the breakers to report
   * @param environment for {@code spring.application.name}
   * @return the started composition root
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public BreakwaterNewRelic breakwaterNewRelic(NewRelicProperties properties,
      CircuitBreakerRegistry registry, Environment environment) {
    NewRelicConfig config = NewRelicConfig.fromEnvironment(settings(properties, System.getenv()));
    BreakwaterNewRelic.Builder builder = BreakwaterNewRelic.builder(config)
        .registry(registry)
        .reportInterval(properties.getReportInterval())
        .entityStreamer(b -> b.closeTimeout(properties.getCloseTimeout()))
        .metricStreamer(b -> b.closeTimeout(properties.getCloseTimeout()));
    String service = environment.getProperty("spring.application.name");
    if (service != null && !service.isBlank()) {
      builder.serviceName(service);
    }
    return builder.build();
  }

  @Bean
  @ConditionalOnBooleanProperty("breakwater.newrelic.dashboard.provision")
  ApplicationListener<ApplicationReadyEvent> breakwaterDashboardProvisioning(BreakwaterNewRelic newRelic) {
    return event -> {
      Thread t = new Thread(() -> {
        try {
          LOG.log(Level.INFO, "Circuit Breaker Health dashboard: {0}", newRelic.provisionDashboard());
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "could not provision the Circuit Breaker Health dashboard: {0}",
              e.getMessage());
        }
      }, "breakwater-dashboard-provisioning");
      t.setDaemon(true);
      t.start();
    };
  }

  /** Properties over environment variables, in the names NewRelicConfig reads. */
  static Map<String, String> settings(NewRelicProperties p, Map<String, String> env) {
    Map<String, String> s = new HashMap<>(env);
    put(s, NewRelicConfig.ACCOUNT_ID_VARIABLE, p.getAccountId());
    put(s, NewRelicConfig.LICENSE_KEY_VARIABLE, p.getLicenseKey());
    put(s, NewRelicConfig.USER_KEY_VARIABLE, p.getApiKey());
    put(s, NewRelicConfig.REGION_VARIABLE, p.getRegion());
    put(s, NewRelicConfig.EVENT_API_URL_VARIABLE, p.getEventApiUrl());
    put(s, NewRelicConfig.METRIC_API_URL_VARIABLE, p.getMetricApiUrl());
    put(s, NewRelicConfig.NERDGRAPH_URL_VARIABLE, p.getNerdgraphUrl());
    return s;
  }

  private static void put(Map<String, String> s, String name, Object value) {
    if (value instanceof URI || value instanceof Long || value instanceof String str && !str.isBlank()) {
      s.put(name, value.toString());
    }
  }
}
