package dev.breakwater.redis;

import static dev.breakwater.redis.Instance.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.CircuitState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fleet-wide overrides with a TTL, across three instances on one real redis-server. */
class FleetOverrideTest {
  private static final AtomicInteger FLEETS = new AtomicInteger();
  private static RedisServer redis;

  private final String fleetName = "overrides-" + FLEETS.incrementAndGet();
  private Instance a;
  private Instance b;
  private Instance c;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @AfterEach
  void closeInstances() {
    for (Instance i : new Instance[] {a, b, c}) {
      if (i != null) {
        i.close();
      }
    }
  }

  private void threeInstances() {
    a = Instance.start(redis, fleetName, "a", config("payments"));
    b = Instance.start(redis, fleetName, "b", config("payments"));
    c = Instance.start(redis, fleetName, "c", config("payments"));
  }

  private boolean all(CircuitState state) {
    return a.state("payments") == state && b.state("payments") == state && c.state("payments") == state;
  }

  @Test
  void aForceOpenReachesAllThreeInstancesWithinTwoSecondsAndExpiresAfterItsTtl() {
    threeInstances();

    a.fleet.forceOpen("payments", Duration.ofMillis(1500), "PSP outage INC-42");
    Duration reached = Await.until(Duration.ofSeconds(2), "all three FORCED_OPEN", () -> all(CircuitState.FORCED_OPEN));
    Duration expired = Await.until(Duration.ofSeconds(4), "all three CLOSED after the TTL", () -> all(CircuitState.CLOSED));

    assertThat(reached).isLessThan(Duration.ofSeconds(2));
    assertThat(reached.plus(expired)).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
    for (Instance i : List.of(a, b, c)) {
      assertThat(i.reasonOfLast("payments", CircuitState.FORCED_OPEN))
          .startsWith("fleet override by a: PSP outage INC-42 (FORCED_OPEN, ");
      assertThat(i.reasonOfLast("payments", CircuitState.CLOSED))
          .isEqualTo("fleet override by a was cleared or expired: back to CLOSED");
    }
  }

  @Test
  void disableAndClearFromAnOperatorReachEveryInstance() {
    threeInstances();
    FleetControl control = FleetControl.builder(redis.uri()).fleet(fleetName).issuedBy("ops@laptop").build();

    control.disable("payments", Duration.ofMinutes(5), "the breaker misfires, INC-7");
    Await.until(Duration.ofSeconds(2), "all three DISABLED", () -> all(CircuitState.DISABLED));
    assertThat(control.clear("payments")).isTrue();
    Await.until(Duration.ofSeconds(2), "all three CLOSED", () -> all(CircuitState.CLOSED));

    assertThat(c.reasonOfLast("payments", CircuitState.DISABLED))
        .startsWith("fleet override by ops@laptop: the breaker misfires, INC-7 (DISABLED, ");
    assertThat(control.clear("payments")).isFalse();
  }

  @Test
  void anOverrideWrittenWithoutANoticeStillArrivesThroughThePeriodicReRead() {
    threeInstances();
    // As if the pub/sub notice were lost: the key alone, no PUBLISH.
    redis.command("SET", "breakwater:{" + fleetName + "}:override:payments",
        FleetOverride.encode(CircuitState.FORCED_OPEN, "redis-cli", "written by hand"), "PX", "60000");

    Await.until(Instance.REFRESH.multipliedBy(4), "all three FORCED_OPEN by the re-read",
        () -> all(CircuitState.FORCED_OPEN));
  }

  @Test
  void aBreakerCreatedAfterTheOverrideGetsItAtOnce() {
    a = Instance.start(redis, fleetName, "a");
    a.fleet.forceOpen("search", Duration.ofMinutes(1));

    a.add(config("search"));

    Await.until(Duration.ofSeconds(1), "the new breaker FORCED_OPEN", () -> a.state("search") == CircuitState.FORCED_OPEN);
  }

  @Test
  void aLocalOperatorsForceOpenOutlivesTheFleetOverride() {
    threeInstances();
    b.breaker("payments").forceOpen("local operator");

    a.fleet.forceOpen("payments", Duration.ofMinutes(1));
    Await.until(Duration.ofSeconds(2), "all three FORCED_OPEN", () -> all(CircuitState.FORCED_OPEN));
    a.fleet.clear("payments");
    Await.until(Duration.ofSeconds(2), "a and c CLOSED",
        () -> a.state("payments") == CircuitState.CLOSED && c.state("payments") == CircuitState.CLOSED);

    assertThat(b.state("payments")).isEqualTo(CircuitState.FORCED_OPEN);
  }

  @Test
  void closingTheFleetEndsTheOverridesItApplied() {
    a = Instance.start(redis, fleetName, "a", config("payments"));
    a.fleet.forceOpen("payments", Duration.ofMinutes(1));
    Await.until(Duration.ofSeconds(1), "FORCED_OPEN", () -> a.state("payments") == CircuitState.FORCED_OPEN);

    a.fleet.close();

    assertThat(a.state("payments")).isEqualTo(CircuitState.CLOSED);
    assertThat(a.reasonOfLast("payments", CircuitState.CLOSED)).contains("the fleet was closed");
  }

  @Test
  void statusShowsEveryInstanceEachBreakerAndTheOverrides() {
    threeInstances();
    c.fail("payments", 5);
    a.fleet.disable("payments", Duration.ofSeconds(30), "maintenance");
    Await.until(Duration.ofSeconds(2), "all three DISABLED", () -> all(CircuitState.DISABLED));
    Await.until(Duration.ofSeconds(2), "reports of DISABLED", () -> a.fleet.status().instances().stream()
        .allMatch(i -> i.breakers().get(0).state() == CircuitState.DISABLED));

    FleetStatus status = FleetControl.builder(redis.uri()).fleet(fleetName).build().status();

    assertThat(status.fleet()).isEqualTo(fleetName);
    assertThat(status.instances()).extracting(InstanceReport::instanceId).containsExactly("a", "b", "c");
    BreakerReport onC = status.instances().get(2).breakers().get(0);
    assertThat(onC.breakerName()).isEqualTo("payments");
    assertThat(onC.setByFleet()).isTrue();
    assertThat(onC.windowFailures()).isEqualTo(5);
    assertThat(status.instances().get(0).sinceLastReport()).isLessThan(Duration.ofSeconds(2));
    assertThat(status.overrides()).singleElement().satisfies(o -> {
      assertThat(o.breakerName()).isEqualTo("payments");
      assertThat(o.mode()).isEqualTo(CircuitState.DISABLED);
      assertThat(o.issuedBy()).isEqualTo("a");
      assertThat(o.reason()).isEqualTo("maintenance");
      assertThat(o.remaining()).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30));
    });
  }

  @Test
  void aClosedInstanceLeavesTheStatus() {
    threeInstances();
    b.close();
    b = null;

    assertThat(a.fleet.status().instances()).extracting(InstanceReport::instanceId).containsExactly("a", "c");
  }
}
