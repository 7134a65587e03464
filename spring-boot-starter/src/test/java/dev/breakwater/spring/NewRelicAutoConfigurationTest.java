package dev.breakwater.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.newrelic.BreakwaterNewRelic;
import dev.breakwater.testkit.FakeNewRelic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** New Relic reporting from properties, against a FakeNewRelic on loopback. */
class NewRelicAutoConfigurationTest {
  private final FakeNewRelic fake = FakeNewRelic.start();
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(BreakwaterAutoConfiguration.class,
          BreakwaterNewRelicAutoConfiguration.class));

  @AfterEach
  void stopFake() {
    fake.close();
  }

  private String[] newRelicProperties(String... more) {
    List<String> p = new java.util.ArrayList<>(List.of(
        "breakwater.newrelic.enabled=true",
        "breakwater.newrelic.account-id=" + fake.accountId(),
        "breakwater.newrelic.license-key=" + fake.licenseKey(),
        "breakwater.newrelic.api-key=" + fake.userKey(),
        "breakwater.newrelic.event-api-url=" + fake.eventApiUrl(),
        "breakwater.newrelic.metric-api-url=" + fake.metricApiUrl(),
        "breakwater.newrelic.nerdgraph-url=" + fake.nerdGraphUrl(),
        "spring.application.name=checkout",
        "breakwater.circuitbreaker.instances.inventory.failure-threshold=3"));
    p.addAll(List.of(more));
    return p.toArray(String[]::new);
  }

  @Test
  void offByDefault() {
    runner.run(c -> assertThat(c).doesNotHaveBean(BreakwaterNewRelic.class));
  }

  @Test
  void everyBreakerIsReportedAndShutdownSendsTheLastReport() {
    runner.withPropertyValues(newRelicProperties("breakwater.newrelic.report-interval=1h"))
        .run(c -> {
          assertThat(c).hasSingleBean(BreakwaterNewRelic.class);
          c.getBean(CircuitBreakerRegistry.class).find("inventory").orElseThrow().call(() -> 1);
        });
    List<Map<String, Object>> reports = fake.events("CircuitBreakerMetric");
    assertThat(reports).as("the last report, sent at shutdown").isNotEmpty();
    assertThat(reports).anySatisfy(e -> {
      assertThat(e).containsEntry("breakerName", "inventory");
      assertThat(e).containsEntry("service", "checkout");
      assertThat(((Number) e.get("totalSuccesses")).longValue()).isEqualTo(1);
    });
  }

  @Test
  void anUnreachableNewRelicNeverBlocksOrFailsStartupWhenProvisioningTheDashboard() {
    fake.close(); // nothing listens there any more
    runner.withPropertyValues(newRelicProperties("breakwater.newrelic.dashboard.provision=true",
        "breakwater.newrelic.close-timeout=1s"))
        .run(c -> {
          assertThat(c).hasNotFailed();
          assertThat(c).hasSingleBean(BreakwaterNewRelic.class);
        });
  }

  @Test
  void keysComeFromTheEnvironmentWhenNotSetAsProperties() {
    NewRelicProperties none = new NewRelicProperties();
    Map<String, String> s = BreakwaterNewRelicAutoConfiguration.settings(none, fake.environment());
    assertThat(s).containsEntry("NEW_RELIC_LICENSE_KEY", fake.licenseKey());
    NewRelicProperties some = new NewRelicProperties();
    some.setLicenseKey("from-properties");
    some.setReportInterval(Duration.ofSeconds(5));
    assertThat(BreakwaterNewRelicAutoConfiguration.settings(some, fake.environment()))
        .containsEntry("NEW_RELIC_LICENSE_KEY", "from-properties");
    assertThat(some.toString()).doesNotContain("from-properties");
  }
}
