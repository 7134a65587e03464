package dev.breakwater.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Restart memory: instances that start while a breaker is open in the fleet start OPEN. */
class RestartMemoryTest {
  private static final AtomicInteger FLEETS = new AtomicInteger();
  private static RedisServer redis;

  private final String fleetName = "memory-" + FLEETS.incrementAndGet();
  private Instance first;
  private Instance second;

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
    if (first != null) {
      first.close();
    }
    if (second != null) {
      second.close();
    }
  }

  private static CircuitBreakerConfig tripsOnFirstFailure(Duration retryDelay) {
    return CircuitBreakerConfig.builder("inventory").failureThreshold(1).retryDelay(retryDelay)
        .timeout(Duration.ZERO).build();
  }

  private String memoryKey() {
    return "breakwater:{" + fleetName + "}:opened:inventory";
  }

  private void tripFirstAndAwaitTheMemory(Duration retryDelay) {
    first = Instance.start(redis, fleetName, "first", tripsOnFirstFailure(retryDelay));
    first.fail("inventory", 1);
    assertThat(first.state("inventory")).isEqualTo(CircuitState.OPEN);
    Await.until(Duration.ofSeconds(1), "the opening remembered", () -> redis.command("EXISTS", memoryKey()).equals(":1"));
  }

  @Test
  void anInstanceStartingWhileTheBreakerIsOpenElsewhereStartsOpen() {
    tripFirstAndAwaitTheMemory(Duration.ofSeconds(30));

    second = Instance.start(redis, fleetName, "second", tripsOnFirstFailure(Duration.ofSeconds(30)));

    assertThat(second.state("inventory")).isEqualTo(CircuitState.OPEN);
    assertThat(second.reasonOfLast("inventory", CircuitState.OPEN))
        .startsWith("fleet memory: opened on first (last error java.io.IOException: dependency down); ")
        .endsWith("of its retry delay remain");
  }

  @Test
  void anInstanceThatDiedWithTheBreakerOpenStartsOpenAgain() {
    tripFirstAndAwaitTheMemory(Duration.ofSeconds(30));
    first.close();

    first = Instance.start(redis, fleetName, "first", tripsOnFirstFailure(Duration.ofSeconds(30)));

    assertThat(first.state("inventory")).isEqualTo(CircuitState.OPEN);
  }

  @Test
  void itStaysOpenOnlyForWhatIsLeftOfTheDelay() {
    tripFirstAndAwaitTheMemory(Duration.ofMillis(1500));

    second = Instance.start(redis, fleetName, "second", tripsOnFirstFailure(Duration.ofSeconds(30)));

    assertThat(second.state("inventory")).isEqualTo(CircuitState.OPEN);
    // Its own retryDelay is 30 s; the fleet's memory had at most 1.5 s left.
    Await.until(Duration.ofMillis(2500), "HALF_OPEN when the remembered delay ends",
        () -> second.state("inventory") == CircuitState.HALF_OPEN);
  }

  @Test
  void anOpeningWhoseDelayHasPassedIsForgotten() {
    tripFirstAndAwaitTheMemory(Duration.ofMillis(300));
    Await.until(Duration.ofSeconds(2), "the memory expired", () -> redis.command("EXISTS", memoryKey()).equals(":0"));

    second = Instance.start(redis, fleetName, "second", tripsOnFirstFailure(Duration.ofSeconds(30)));

    assertThat(second.state("inventory")).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void aBreakerThatAlreadyHasSuccessesKeepsItsOwnEvidence() {
    tripFirstAndAwaitTheMemory(Duration.ofSeconds(30));

    second = Instance.create("second", List.of(tripsOnFirstFailure(Duration.ofSeconds(30))));
    second.breaker("inventory").run(() -> { }); // evidence of its own before it joins the fleet

    second.attach(redis, fleetName, b -> b);

    assertThat(second.state("inventory")).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void anOpeningFromMemoryIsNotEvidenceAndIsNotRememberedAgain() {
    tripFirstAndAwaitTheMemory(Duration.ofSeconds(30));
    String remembered = redis.command("PTTL", memoryKey());

    second = Instance.start(redis, fleetName, "second", tripsOnFirstFailure(Duration.ofSeconds(30)));
    Await.until(Duration.ofSeconds(1), "second's report", () -> second.fleet.status().instances().size() == 2);

    BreakerReport onSecond = second.fleet.status().instances().get(1).breakers().get(0);
    assertThat(onSecond.state()).isEqualTo(CircuitState.OPEN);
    assertThat(onSecond.setByFleet()).isTrue();
    long before = Long.parseLong(remembered.substring(1));
    long after = Long.parseLong(redis.command("PTTL", memoryKey()).substring(1));
    assertThat(after).isLessThanOrEqualTo(before);
  }
}
