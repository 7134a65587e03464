package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Backoff, Retry-After and the status table. */
class SmallPartsTest {

  @Test
  void backoffDoublesFromTheFactorUpToTheCap() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(15));
    assertThat(b.delay(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.delay(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(b.delay(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(b.delay(5)).isEqualTo(Duration.ofSeconds(15));
    assertThat(b.delay(64)).isEqualTo(Duration.ofSeconds(15));
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessage("backoff factor must be > 0, was PT0S");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessage("backoff max (PT1S) must be >= factor (PT2S)");
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    assertThat(RetryAfter.parse("7", clock)).contains(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse("Sun, 29 Nov 2026 12:00:30 GMT", clock)).contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Sun, 29 Nov 2026 11:00:00 GMT", clock)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", clock)).isEmpty();
    assertThat(RetryAfter.parse("-1", clock)).isEmpty();
    assertThat(RetryAfter.parse(null, clock)).isEmpty();
  }

  @Test
  void statusTableFollowsTheSdkSpecification() {
    assertThat(ApiResponses.of(200)).isEqualTo(ApiResponses.ACCEPTED);
    assertThat(ApiResponses.of(202)).isEqualTo(ApiResponses.ACCEPTED);
    for (int s : new int[] {400, 401, 403, 404, 405, 409, 410, 411}) {
      assertThat(ApiResponses.of(s)).as("HTTP %d", s).isEqualTo(ApiResponses.DROP);
    }
    assertThat(ApiResponses.of(413)).isEqualTo(ApiResponses.SPLIT);
    assertThat(ApiResponses.of(429)).isEqualTo(ApiResponses.RETRY_AFTER);
    for (int s : new int[] {408, 500, 502, 503, 504, 415, 418}) {
      assertThat(ApiResponses.of(s)).as("HTTP %d", s).isEqualTo(ApiResponses.RETRY);
    }
  }
}
