package dev.breakwater.redis;

import static dev.breakwater.redis.Instance.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Redis killed, restarted or frozen mid-run: calls never notice, and the fleet recovers. */
class RedisOutageTest {
  private RedisServer redis;
  private final List<Instance> instances = new ArrayList<>();
  private LogRecorder log;

  @BeforeEach
  void start() {
    redis = RedisServer.start();
    log = LogRecorder.attach();
  }

  @AfterEach
  void stop() {
    instances.forEach(Instance::close);
    log.close();
    redis.close();
  }

  private Instance start(String id, CircuitBreakerConfig... breakers) {
    Instance instance = Instance.start(redis, "outage", id, breakers);
    instances.add(instance);
    return instance;
  }

  private static CircuitBreakerConfig payments() {
    return CircuitBreakerConfig.builder("payments").failureThreshold(3).retryDelay(Duration.ofSeconds(30))
        .timeout(Duration.ZERO).build();
  }

  /** The fastest of several runs of {@code n} calls, in nanoseconds. */
  private static long fastest(CircuitBreaker breaker, int n) {
    long best = Long.MAX_VALUE;
    for (int run = 0; run < 5; run++) {
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        breaker.run(() -> { });
      }
      best = Math.min(best, System.nanoTime() - start);
    }
    return best;
  }

  private static long fleetThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("breakwater-fleet-outage-") && t.isAlive()).count();
  }

  @Test
  void redisKilledMidRunCallsKeepTheirSpeedDecisionsStayLocalAndTheFleetReconverges() {
    Instance a = start("a", payments(), config("search"));
    Instance b = start("b", payments(), config("search"));
    CircuitBreaker search = a.breaker("search");
    fastest(search, 200_000); // warm up
    long connected = fastest(search, 200_000);

    redis.kill();
    Await.until(Duration.ofSeconds(2), "both notice Redis is gone", () -> !a.fleet.connected() && !b.fleet.connected());
    long disconnected = fastest(search, 200_000);

    assertThat(disconnected).as("200,000 calls without Redis vs with it, ns")
        .isLessThan(2 * connected + 50_000_000L);
    a.fail("payments", 3);
    assertThat(a.state("payments")).as("a local decision, without Redis").isEqualTo(CircuitState.OPEN);
    assertThat(b.state("payments")).isEqualTo(CircuitState.CLOSED);
    Await.holds(Instance.REFRESH.multipliedBy(4), "reconnection attempts go on quietly", () -> true);
    assertThat(log.count(Level.WARNING, "is unreachable")).as("one warning per instance").isEqualTo(2);

    redis.restart(); // empty: every report and override is gone
    Await.until(Duration.ofSeconds(3), "both reconnect", () -> a.fleet.connected() && b.fleet.connected());
    assertThat(log.count(Level.INFO, "is reachable again")).isEqualTo(2);
    assertThat(fleetThreads()).as("two per instance, after the outage as before").isEqualTo(4);
    Await.until(Duration.ofSeconds(2), "both report again", () -> a.fleet.status().instances().size() == 2);
    assertThat(a.fleet.status().instances().get(0).breakers())
        .filteredOn(r -> r.breakerName().equals("payments"))
        .singleElement()
        .satisfies(r -> assertThat(r.state()).isEqualTo(CircuitState.OPEN));
    b.fleet.forceOpen("search", Duration.ofMinutes(1), "after the outage");
    Await.until(Duration.ofSeconds(2), "the override reaches both", () -> a.state("search") == CircuitState.FORCED_OPEN
        && b.state("search") == CircuitState.FORCED_OPEN);
  }

  @Test
  void anOverrideEndsAtItsTtlEvenWhileRedisIsDown() {
    Instance a = start("a", config("payments"));
    a.fleet.forceOpen("payments", Duration.ofMillis(1500), "short");
    Await.until(Duration.ofSeconds(1), "FORCED_OPEN", () -> a.state("payments") == CircuitState.FORCED_OPEN);

    redis.kill();

    Await.until(Duration.ofSeconds(3), "CLOSED at the TTL", () -> a.state("payments") == CircuitState.CLOSED);
    assertThat(a.reasonOfLast("payments", CircuitState.CLOSED)).contains("while Redis was unreachable");
  }

  @Test
  void redisFrozenBySigstopNeverDelaysACallNorPilesUpThreadsAndTheFleetRecovers() throws Exception {
    // A call that waited on Redis would take the fleet's 1 s timeout; scheduling noise on a busy
    // 2-core machine stays far below half of that.
    Instance a = Instance.start(redis, "outage", "a", List.of(config("search")), b -> b.timeout(Duration.ofSeconds(1)));
    instances.add(a);
    CircuitBreaker search = a.breaker("search");
    fastest(search, 200_000); // warm up

    redis.pause();
    AtomicLong slowest = new AtomicLong();
    AtomicLong calls = new AtomicLong();
    long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();
    Thread caller = new Thread(() -> {
      while (System.nanoTime() - until < 0) {
        long start = System.nanoTime();
        search.run(() -> { });
        slowest.accumulateAndGet(System.nanoTime() - start, Math::max);
        calls.incrementAndGet();
      }
    });
    caller.start();
    long before = System.nanoTime();
    assertThatThrownBy(() -> a.fleet.forceOpen("search", Duration.ofMinutes(1)))
        .isInstanceOf(FleetUnavailableException.class)
        .hasMessageContaining("could not set the override of 'search': Redis at 127.0.0.1:" + redis.port());
    Duration operatorWaited = Duration.ofNanos(System.nanoTime() - before);
    Await.until(Duration.ofSeconds(3), "the worker notices", () -> !a.fleet.connected());
    long fleetThreads = fleetThreads();
    caller.join();

    assertThat(Duration.ofNanos(slowest.get())).as("the slowest call while Redis was frozen")
        .isLessThan(Duration.ofMillis(500));
    assertThat(calls.get()).isGreaterThan(100_000);
    assertThat(operatorWaited).as("an operator's command waits for its timeout, no longer")
        .isLessThan(Duration.ofMillis(2500));
    assertThat(fleetThreads).as("the worker and the subscriber, no more").isEqualTo(2);
    assertThat(search.state()).isEqualTo(CircuitState.CLOSED);

    redis.resume();
    Await.until(Duration.ofSeconds(3), "reconnected", () -> a.fleet.connected());
    a.fleet.forceOpen("search", Duration.ofMinutes(1));
    Await.until(Duration.ofSeconds(2), "an override applies again", () -> search.state() == CircuitState.FORCED_OPEN);
  }
}
