package dev.breakwater.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.CircuitState;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every setting is checked as it is given, with a message that names it and the value. */
class BuildersTest {
  private static final URI REDIS = URI.create("redis://127.0.0.1:6379");

  private static RedisFleet.Builder builder() {
    return RedisFleet.builder(CircuitBreakerRegistry.create(), REDIS);
  }

  @Test
  void theRedisUriMustBeRedisWithAHostAndItsPasswordIsNeverShown() {
    assertThatThrownBy(() -> RedisFleet.builder(CircuitBreakerRegistry.create(), URI.create("http://secret:hunter2@h:1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("redis must be a redis:// or rediss:// URI with a host, was http://***@h:1");
    assertThatThrownBy(() -> FleetControl.builder(URI.create("redis:///0")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisFleet.builder(null, REDIS)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void namesAreChecked() {
    assertThatThrownBy(() -> builder().fleet(" ")).hasMessage("fleet must not be blank");
    assertThatThrownBy(() -> builder().fleet("a{b}")).hasMessage("fleet must not contain '{' or '}', was 'a{b}'");
    assertThatThrownBy(() -> builder().instanceId("a\nb"))
        .hasMessage("instanceId must not contain control characters, was 'a?b'");
    assertThatThrownBy(() -> FleetControl.builder(REDIS).issuedBy("")).hasMessage("issuedBy must not be blank");
  }

  @Test
  void intervalsAndTimeoutsAreChecked() {
    assertThatThrownBy(() -> builder().timeout(Duration.ofMillis(5)))
        .hasMessage("timeout must be between 10 ms and 1 h, was PT0.005S");
    assertThatThrownBy(() -> builder().refreshInterval(Duration.ofHours(2)))
        .hasMessage("refreshInterval must be between 50 ms and 1 h, was PT2H");
    assertThatThrownBy(() -> builder().pollInterval(Duration.ZERO))
        .hasMessage("pollInterval must be between 10 ms and 1 h, was PT0S");
  }

  @Test
  void quorumPoliciesAreChecked() {
    assertThatThrownBy(() -> QuorumPolicy.of(120, 3)).hasMessage("openPercent must be in (0, 100], was 120.0");
    assertThatThrownBy(() -> QuorumPolicy.of(50, 1)).hasMessage("minInstances must be at least 2, was 1");
    assertThatThrownBy(() -> QuorumPolicy.of(50, 3).withMaxFollowerShare(1))
        .hasMessage("maxFollowerShare must be in (0, 1), was 1.0");
    assertThat(QuorumPolicy.of(50, 3).maxFollowerShare()).isEqualTo(0.5);
    assertThatThrownBy(() -> builder().quorum("", QuorumPolicy.of(50, 3))).hasMessage("breakerName must not be blank");
  }

  @Test
  void overridesNeedATtlBetweenAMillisecondAndThirtyDays() {
    FleetControl control = FleetControl.builder(REDIS).build();

    assertThatThrownBy(() -> control.forceOpen("p", Duration.ZERO, "r"))
        .hasMessage("ttl must be between 1 ms and 30 days, was PT0S");
    assertThatThrownBy(() -> control.disable("p", Duration.ofDays(31), "r"))
        .hasMessage("ttl must be between 1 ms and 30 days, was PT744H");
    assertThatThrownBy(() -> new FleetOverride("p", CircuitState.OPEN, Duration.ZERO, "a", "b"))
        .hasMessage("mode must be FORCED_OPEN or DISABLED, was OPEN");
  }

  @Test
  void aFleetWhoseRedisIsAbsentStartsLocalOnlyWithoutWaitingLong() {
    long start = System.nanoTime();
    try (RedisFleet fleet = RedisFleet.builder(CircuitBreakerRegistry.create(), URI.create("redis://127.0.0.1:1"))
        .timeout(Duration.ofMillis(200)).build()) {
      assertThat(fleet.connected()).isFalse();
      assertThat(fleet.instanceId()).endsWith("-" + ProcessHandle.current().pid());
      assertThat(fleet.fleet()).isEqualTo("default");
      assertThatThrownBy(fleet::status).isInstanceOf(FleetUnavailableException.class)
          .hasMessageStartingWith("could not read the status of fleet 'default': Redis at 127.0.0.1:1 failed (");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(Thread.getAllStackTraces().keySet()).as("close() stops both threads")
        .noneMatch(t -> t.getName().startsWith("breakwater-fleet-default-") && t.isAlive());
  }
}
