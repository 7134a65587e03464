package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The composition root, wired against FakeNewRelic. */
class BreakwaterNewRelicTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final Fixture f = new Fixture();

  @AfterEach
  void close() {
    f.close();
  }

  private BreakwaterNewRelic.Builder wiring() {
    return BreakwaterNewRelic.builder(f.config).registry(f.registry).serviceName("checkout")
        .entityStreamer(b -> b.batching(100, Duration.ofMillis(10)))
        .metricStreamer(b -> b.batching(100, Duration.ofMillis(10)));
  }

  @Test
  void createsEachPartOnceAroundOneRegistry() {
    try (BreakwaterNewRelic nr = wiring().reportInterval(null).build()) {
      assertThat(nr.registry()).isSameAs(f.registry);
      assertThat(nr.nerdGraph()).isSameAs(nr.nerdGraph());
      assertThat(nr.entityStreamer().client()).isSameAs(nr.eventApi());
      assertThat(f.registry.all()).extracting(CircuitBreaker::name)
          .containsExactly("event-api", "nerdgraph-api");
      assertThat(nr.nerdGraph().breaker()).isSameAs(f.registry.find("nerdgraph-api").orElseThrow());
      assertThat(nr.toString()).doesNotContain(Canary.LICENSE_KEY, Canary.USER_KEY);
    }
  }

  @Test
  void closeStopsTheMonitorSendsALastReportAndFlushesEveryStreamer() {
    BreakwaterNewRelic nr = wiring().reportInterval(Duration.ofHours(1)).build();
    CircuitBreaker payments = nr.registry().breaker("payments");
    for (int i = 0; i < 25; i++) {
      nr.entityStreamer().offer(Map.of("eventType", "MessageQueueTopic", "id", i));
    }
    nr.close();
    nr.close(); // idempotent
    assertThat(f.fake.events("MessageQueueTopic")).hasSize(25);
    assertThat(f.fake.events("CircuitBreakerMetric")).extracting(e -> e.get("breakerName"))
        .contains("payments", "event-api", "nerdgraph-api");
    assertThat(f.fake.events("CircuitBreakerMetric")).allSatisfy(e ->
        assertThat(e).containsEntry("service", "checkout").containsKey("host"));
    assertThat(payments.state().name()).isEqualTo("CLOSED");
    assertThatThrownBy(() -> nr.entityStreamer().offer(Map.of("eventType", "Late")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theMonitorsEventsFeedTheGuidesThreeWidgets() throws Exception {
    try (BreakwaterNewRelic nr = wiring().reportInterval(Duration.ofMillis(50)).build()) {
      CircuitBreaker payments = nr.registry().breaker("payments");
      payments.execute(() -> "ok");
      assertThat(f.fake.awaitEvents(events -> events.stream()
          .filter(e -> "payments".equals(e.get("breakerName"))).count() >= 2, WAIT)).isTrue();
      NerdGraphClient nerdGraph = nr.nerdGraph();
      long account = f.fake.accountId();
      List<Map<String, Object>> states =
          nerdGraph.nrql(account, "FROM CircuitBreakerMetric SELECT latest(state) FACET breakerName");
      assertThat(states).anySatisfy(row ->
          assertThat(row).containsEntry("breakerName", "payments").containsEntry("latest.state", "CLOSED"));
      assertThat(nerdGraph.nrql(account,
          "FROM CircuitBreakerMetric SELECT average(failureRate) FACET breakerName TIMESERIES"))
          .anySatisfy(row -> assertThat(row).containsKeys("average.failureRate", "beginTimeSeconds"));
      assertThat(nerdGraph.nrql(account,
          "FROM CircuitBreakerMetric SELECT average(averageResponseTime) FACET breakerName TIMESERIES"))
          .anySatisfy(row -> assertThat(row).containsKey("average.averageResponseTime"));
    }
  }

  @Test
  void provisionsTheDashboardInTheConfiguredAccount() {
    try (BreakwaterNewRelic nr = wiring().reportInterval(null).build()) {
      assertThat(nr.provisionDashboard().action()).isEqualTo(DashboardProvisioner.Action.CREATED);
      assertThat(nr.provisionDashboard().action()).isEqualTo(DashboardProvisioner.Action.UPDATED);
    }
  }

  @Test
  void withOnlyAUserKeyNerdGraphAndDashboardsWorkAndNothingIsStreamed() {
    NewRelicConfig userKeyOnly = NewRelicConfig.builder().accountId(f.fake.accountId())
        .userKey(Canary.USER_KEY).nerdGraphUrl(f.fake.nerdGraphUrl()).build();
    Set<String> before = threadNames();
    try (BreakwaterNewRelic nr = BreakwaterNewRelic.builder(userKeyOnly).registry(f.registry).build()) {
      assertThat(nr.provisionDashboard().action()).isEqualTo(DashboardProvisioner.Action.CREATED);
      assertThat(nr.nerdGraph().nrql(f.fake.accountId(), "SELECT count(*) FROM CircuitBreakerMetric")).hasSize(1);
      for (ThrowingCallable part : List.<ThrowingCallable>of(nr::eventApi, nr::entityStreamer, nr::metricStreamer,
          nr::monitor)) {
        assertThatThrownBy(part).isInstanceOf(IllegalStateException.class)
            .hasMessageEndingWith(": the config has no license key (NEW_RELIC_LICENSE_KEY)");
      }
      assertThatThrownBy(nr::monitor).hasMessage("no monitor: the config has no license key (NEW_RELIC_LICENSE_KEY)");
      Set<String> started = threadNames();
      started.removeAll(before);
      assertThat(started).noneMatch(n -> n.startsWith("breakwater-"));
    }
    assertThat(f.registry.all()).extracting(CircuitBreaker::name).containsExactly("nerdgraph-api");
    assertThat(KeyLeakGuard.captured()).anySatisfy(l -> assertThat(l).contains(
        "no license key (NEW_RELIC_LICENSE_KEY): NerdGraph and dashboards only; breakers are not reported"));
  }

  @Test
  void aConfigWithNeitherAccountNorKeyFailsTheBuildNamingBoth() {
    assertThatThrownBy(() -> BreakwaterNewRelic.builder(NewRelicConfig.builder().build()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("BreakwaterNewRelic needs an account id (accountId, or NEW_RELIC_ACCOUNT_ID) and a license "
            + "key or a user key (licenseKey or userKey, or NEW_RELIC_LICENSE_KEY or NEW_RELIC_API_KEY)");
  }

  @Test
  void oneCallPointsEverythingAtTheFake() {
    NewRelicConfig config = NewRelicConfig.fromEnvironment(f.fake.environment());
    assertThat(config.eventApiEndpoint()).isEqualTo(f.config.eventApiEndpoint());
    assertThat(config.metricApiEndpoint()).isEqualTo(f.config.metricApiEndpoint());
    assertThat(config.nerdGraphEndpoint()).isEqualTo(f.config.nerdGraphEndpoint());
    try (BreakwaterNewRelic nr = BreakwaterNewRelic.builder(config).reportInterval(null).build()) {
      nr.registry().breaker("payments");
    }
    assertThat(f.fake.events(CircuitBreakerMonitor.EVENT_TYPE)).extracting(e -> e.get("breakerName"))
        .contains("payments");
  }

  private static Set<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .collect(Collectors.toSet());
  }

  @Test
  void withoutAUserKeyThereIsNoNerdGraphClient() {
    NewRelicConfig ingestOnly = NewRelicConfig.builder().accountId(f.fake.accountId())
        .licenseKey(Canary.LICENSE_KEY).eventApiUrl(f.fake.eventApiUrl()).build();
    try (BreakwaterNewRelic nr = BreakwaterNewRelic.builder(ingestOnly).registry(CircuitBreakerRegistry.create())
        .reportInterval(null).build()) {
      assertThatThrownBy(nr::nerdGraph).isInstanceOf(IllegalStateException.class)
          .hasMessage("no NerdGraph client: the config has no user key (NEW_RELIC_API_KEY)");
    }
  }

  @Test
  void stateChangesAreReportedAtOnceWithTheServiceAndHost() throws Exception {
    try (BreakwaterNewRelic nr = wiring().reportInterval(null).build()) {
      nr.registry().breaker("payments").forceOpen();
      assertThat(nr.metricStreamer().flush(WAIT)).isTrue();
      assertThat(f.fake.events("CircuitBreakerStateChange")).singleElement().satisfies(e -> {
        assertThat(e).containsEntry("breakerName", "payments").containsEntry("toState", "FORCED_OPEN")
            .containsEntry("service", "checkout");
        assertThat((String) e.get("host")).isNotBlank();
      });
      assertThat(nr.stateChangeReporter().transitions()).isOne();
    }
  }

  @Test
  void closeSendsTheStateChangesTheFlappingLimitHeldBack() {
    BreakwaterNewRelic nr = wiring().reportInterval(null)
        .stateChangeReporter(b -> b.flapLimit(1, Duration.ofHours(1))).build();
    CircuitBreaker payments = nr.registry().breaker("payments");
    payments.forceOpen();
    payments.reset(); // held back
    nr.close();
    assertThat(f.fake.events("CircuitBreakerStateChange")).extracting(e -> e.get("toState"))
        .containsExactly("FORCED_OPEN", "CLOSED");
  }

  @Test
  void stateChangesCanBeTurnedOff() throws Exception {
    try (BreakwaterNewRelic nr = wiring().reportInterval(null).stateChanges(false).build()) {
      nr.registry().breaker("payments").forceOpen();
      assertThat(nr.metricStreamer().flush(WAIT)).isTrue();
      assertThatThrownBy(nr::stateChangeReporter).isInstanceOf(IllegalStateException.class)
          .hasMessage("no state change reporter: turned off with stateChanges(false)");
    }
    assertThat(f.fake.events("CircuitBreakerStateChange")).isEmpty();
    assertThatThrownBy(() -> wiring().attribute("reason", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'reason'");
  }

  @Test
  void provisionsTheAlertPolicyInTheConfiguredAccount() {
    try (BreakwaterNewRelic nr = wiring().reportInterval(null).build()) {
      AlertProvisioner.Result first = nr.provisionAlerts();
      AlertProvisioner.Result second = nr.provisionAlerts(AlertPolicyDefinition.builder()
          .failureRateThreshold(20).build());
      assertThat(first.policyAction()).isEqualTo(AlertProvisioner.Action.CREATED);
      assertThat(second.policyAction()).isEqualTo(AlertProvisioner.Action.UPDATED);
      assertThat(second.policyId()).isEqualTo(first.policyId());
      assertThat(f.fake.alertConditions()).hasSize(3);
    }
  }
}
