package dev.breakwater.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The advisory quorum: it opens stragglers, within its cap, and never feeds on itself. */
class QuorumTest {
  private static final AtomicInteger FLEETS = new AtomicInteger();
  private static RedisServer redis;

  private final String fleetName = "quorum-" + FLEETS.incrementAndGet();
  private final List<Instance> instances = new ArrayList<>();

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
    instances.forEach(Instance::close);
  }

  private static CircuitBreakerConfig payments(Duration retryDelay) {
    return CircuitBreakerConfig.builder("payments").failureThreshold(1).successThreshold(1)
        .retryDelay(retryDelay).timeout(Duration.ZERO).build();
  }

  private Instance start(String id, Duration retryDelay, QuorumPolicy policy) {
    Instance instance = Instance.start(redis, fleetName, id, List.of(payments(retryDelay)),
        b -> b.quorum("payments", policy));
    instances.add(instance);
    return instance;
  }

  private long count(List<Instance> of, CircuitState state) {
    return of.stream().filter(i -> i.state("payments") == state).count();
  }

  @Test
  void theQuorumOpensStragglersAndTheCapHolds() {
    QuorumPolicy policy = QuorumPolicy.of(50, 3); // follower share 0.5
    for (int i = 1; i <= 5; i++) {
      start("i" + i, Duration.ofSeconds(30), policy);
    }
    List<Instance> voters = instances.subList(0, 3);
    List<Instance> stragglers = instances.subList(3, 5);

    voters.forEach(v -> v.fail("payments", 1)); // 3 of 5 OPEN: 60% >= 50%, 2 others, cap ⌊0.5 × 2⌋ = 1

    Await.until(Duration.ofSeconds(2), "one straggler opened by the quorum", () -> count(stragglers, CircuitState.OPEN) == 1);
    Await.holds(Instance.REFRESH.multipliedBy(4), "the cap: the other straggler stays CLOSED",
        () -> count(stragglers, CircuitState.OPEN) == 1 && count(stragglers, CircuitState.CLOSED) == 1);
    Instance follower = stragglers.stream().filter(i -> i.state("payments") == CircuitState.OPEN).findFirst().orElseThrow();
    assertThat(follower.reasonOfLast("payments", CircuitState.OPEN))
        .isEqualTo("fleet quorum: 3 of 5 instances have it OPEN (>= 50% of >= 3); opening for 30 s");
    assertThat(follower.fleet.status().instances())
        .filteredOn(i -> i.instanceId().equals(follower.id))
        .singleElement()
        .satisfies(i -> assertThat(i.breakers().get(0).setByFleet()).as("a follower is no vote").isTrue());
  }

  @Test
  void belowMinInstancesTheQuorumDoesNothing() {
    QuorumPolicy policy = QuorumPolicy.of(50, 3);
    Instance sick = start("sick", Duration.ofSeconds(30), policy);
    Instance healthy = start("healthy", Duration.ofSeconds(30), policy);

    sick.fail("payments", 1); // 1 of 2 = 50%, but only 2 instances report

    Await.holds(Instance.REFRESH.multipliedBy(4), "the healthy instance stays CLOSED",
        () -> healthy.state("payments") == CircuitState.CLOSED);
  }

  @Test
  void instancesWithoutThePolicyAreNotOpenedByIt() {
    QuorumPolicy policy = QuorumPolicy.of(50, 2).withMaxFollowerShare(0.99);
    Instance sick = start("sick", Duration.ofSeconds(30), policy);
    Instance alsoSick = start("also-sick", Duration.ofSeconds(30), policy);
    Instance optedOut = Instance.start(redis, fleetName, "opted-out", payments(Duration.ofSeconds(30)));
    instances.add(optedOut);
    Instance follower = start("follower", Duration.ofSeconds(30), policy);

    sick.fail("payments", 1);
    alsoSick.fail("payments", 1); // 2 of 4 open; the cap is ⌊0.99 × 2⌋ = 1

    Await.until(Duration.ofSeconds(2), "the opted-in straggler follows", () -> follower.state("payments") == CircuitState.OPEN);
    Await.holds(Instance.REFRESH.multipliedBy(2), "the opted-out one does not",
        () -> optedOut.state("payments") == CircuitState.CLOSED);
  }

  @Test
  void aFollowerWhoseTrialCallsSucceedTrustsItsOwnEvidenceUntilTheQuorumDissolves() {
    QuorumPolicy policy = QuorumPolicy.of(50, 2).withMaxFollowerShare(0.9);
    Instance sick = start("sick", Duration.ofSeconds(30), policy);
    Instance alsoSick = start("also-sick", Duration.ofSeconds(30), policy);
    Instance healthy = start("healthy", Duration.ofMillis(400), policy);
    Instance alsoHealthy = start("also-healthy", Duration.ofMillis(400), policy);

    sick.fail("payments", 1);
    alsoSick.fail("payments", 1); // 2 of 4 = 50%, 2 others, cap ⌊0.9 × 2⌋ = 1

    Await.until(Duration.ofSeconds(2), "one of the healthy two follows",
        () -> healthy.state("payments") == CircuitState.OPEN || alsoHealthy.state("payments") == CircuitState.OPEN);
    Instance follower = healthy.state("payments") == CircuitState.OPEN ? healthy : alsoHealthy;
    Await.until(Duration.ofSeconds(2), "its retry delay passes", () -> follower.state("payments") == CircuitState.HALF_OPEN);
    follower.breaker("payments").run(() -> { }); // a trial call succeeds: CLOSED on its own evidence

    assertThat(follower.state("payments")).isEqualTo(CircuitState.CLOSED);
    Await.holds(Instance.REFRESH.multipliedBy(4), "it does not follow again while the quorum lasts",
        () -> follower.state("payments") == CircuitState.CLOSED);
  }
}
