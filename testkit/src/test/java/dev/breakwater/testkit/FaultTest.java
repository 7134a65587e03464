package dev.breakwater.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultTest {

  @Test
  void describesItselfForDemos() {
    assertThat(Fault.status(503)).hasToString("HTTP 503");
    assertThat(Fault.status(429).withRetryAfter(Duration.ofSeconds(30)))
        .hasToString("HTTP 429, Retry-After: 30 s");
    assertThat(Fault.latency(Duration.ofMillis(2500))).hasToString("latency 2500 ms");
    assertThat(Fault.dropConnection()).hasToString("dropped connection");
    assertThat(Fault.graphQlError("TIMEOUT", "NRDB query duration exceeded the set timeout"))
        .hasToString("GraphQL error TIMEOUT: NRDB query duration exceeded the set timeout");
  }

  @Test
  void retryAfterIsRoundedUpToWholeSeconds() {
    assertThat(Fault.status(429).withRetryAfter(Duration.ofMillis(1500)).retryAfterSeconds())
        .isEqualTo(2);
    assertThat(Fault.status(429).withRetryAfter(Duration.ZERO).retryAfterSeconds()).isZero();
    assertThat(Fault.status(429).retryAfterSeconds()).isEqualTo(-1);
  }

  @Test
  void isAValue() {
    assertThat(Fault.status(503)).isEqualTo(Fault.status(503)).hasSameHashCodeAs(Fault.status(503))
        .isNotEqualTo(Fault.status(502));
    assertThat(Fault.latency(Duration.ofSeconds(1)))
        .isEqualTo(Fault.latency(Duration.ofMillis(1000)));
    assertThat(Fault.graphQlError("A", "m")).isNotEqualTo(Fault.graphQlError("B", "m"));
  }

  @Test
  void rejectsBadArgumentsNamingThem() {
    assertThatThrownBy(() -> Fault.status(99)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("code must be in [200, 599], was 99");
    assertThatThrownBy(() -> Fault.status(600)).hasMessageContaining("600");
    assertThatThrownBy(() -> Fault.latency(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-0.001S");
    assertThatThrownBy(() -> Fault.status(429).withRetryAfter(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retryAfter");
    assertThatThrownBy(() -> Fault.graphQlError(" ", "m"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("errorClass");
  }

  @Test
  void retryAfterOnlyAppliesToStatusFaults() {
    assertThatThrownBy(() -> Fault.dropConnection().withRetryAfter(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("dropped connection");
  }
}
