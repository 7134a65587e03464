package dev.breakwater.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {
  private static final Fault NEXT = Fault.status(500);
  private static final Fault WINDOW = Fault.status(429);
  private static final Fault ALWAYS = Fault.status(503);

  private final ManualTicker ticker = ManualTicker.create();
  private final FaultSchedule schedule = new FaultSchedule(ticker, ticker.read());

  @Test
  void nothingScheduledMeansNoFault() {
    assertThat(schedule.take(Api.EVENTS)).isEmpty();
    assertThat(schedule.describeCurrent(Api.EVENTS)).isEmpty();
  }

  @Test
  void nextQueueComesFirstThenTheWindowThenAlways() {
    schedule.always(Api.EVENTS, ALWAYS)
        .during(Api.EVENTS, Duration.ofSeconds(10), Duration.ofSeconds(20), WINDOW)
        .next(Api.EVENTS, 2, NEXT);

    assertThat(schedule.take(Api.EVENTS)).contains(NEXT);
    ticker.advance(Duration.ofSeconds(10));
    assertThat(schedule.take(Api.EVENTS)).contains(NEXT);
    assertThat(schedule.take(Api.EVENTS)).contains(WINDOW);
    ticker.advance(Duration.ofNanos(9_999_999_999L));
    assertThat(schedule.take(Api.EVENTS)).contains(WINDOW);
    ticker.advance(Duration.ofNanos(1));
    assertThat(schedule.take(Api.EVENTS)).contains(ALWAYS);
  }

  @Test
  void nextEntriesAreServedInOrder() {
    schedule.next(Api.METRICS, 1, NEXT).next(Api.METRICS, 2, Fault.dropConnection());

    assertThat(schedule.take(Api.METRICS)).contains(NEXT);
    assertThat(schedule.take(Api.METRICS)).contains(Fault.dropConnection());
    assertThat(schedule.take(Api.METRICS)).contains(Fault.dropConnection());
    assertThat(schedule.take(Api.METRICS)).isEmpty();
  }

  @Test
  void theFirstMatchingWindowWins() {
    Fault later = Fault.status(502);
    schedule.during(Api.NERDGRAPH, Duration.ZERO, Duration.ofMinutes(1), WINDOW)
        .during(Api.NERDGRAPH, Duration.ZERO, Duration.ofMinutes(2), later);

    assertThat(schedule.take(Api.NERDGRAPH)).contains(WINDOW);
    ticker.advance(Duration.ofSeconds(90));
    assertThat(schedule.take(Api.NERDGRAPH)).contains(later);
  }

  @Test
  void faultsApplyPerApi() {
    schedule.always(Api.EVENTS, ALWAYS);

    assertThat(schedule.take(Api.METRICS)).isEmpty();
    assertThat(schedule.take(Api.NERDGRAPH)).isEmpty();
  }

  @Test
  void clearRemovesOneApiOrAll() {
    schedule.always(Api.EVENTS, ALWAYS).always(Api.METRICS, ALWAYS).next(Api.NERDGRAPH, 1, NEXT);

    schedule.clear(Api.EVENTS);
    assertThat(schedule.take(Api.EVENTS)).isEmpty();
    assertThat(schedule.take(Api.METRICS)).contains(ALWAYS);
    schedule.clear();
    assertThat(schedule.take(Api.METRICS)).isEmpty();
    assertThat(schedule.take(Api.NERDGRAPH)).isEmpty();
  }

  @Test
  void describesTheFaultThatWouldApplyNowWithoutUsingItUp() {
    schedule.always(Api.EVENTS, ALWAYS)
        .during(Api.EVENTS, Duration.ofSeconds(10), Duration.ofMillis(20_500), WINDOW)
        .next(Api.EVENTS, 2, NEXT);

    assertThat(schedule.describeCurrent(Api.EVENTS)).contains("HTTP 500 (next 2 requests)");
    assertThat(schedule.describeCurrent(Api.EVENTS)).contains("HTTP 500 (next 2 requests)");
    schedule.take(Api.EVENTS);
    assertThat(schedule.describeCurrent(Api.EVENTS)).contains("HTTP 500 (next 1 request)");
    schedule.take(Api.EVENTS);
    assertThat(schedule.describeCurrent(Api.EVENTS)).contains("HTTP 503 (always)");
    ticker.advance(Duration.ofSeconds(15));
    assertThat(schedule.describeCurrent(Api.EVENTS))
        .contains("HTTP 429 (from 10 s until 20500 ms)");
    assertThat(schedule.toString()).isEqualTo("FaultSchedule{EVENTS=HTTP 429 (from 10 s until"
        + " 20500 ms), METRICS=none, NERDGRAPH=none}");
  }

  @Test
  void describesOnlyTheHeadOfTheNextQueue() {
    schedule.next(Api.EVENTS, 1, NEXT).next(Api.EVENTS, 3, Fault.dropConnection());

    assertThat(schedule.describeCurrent(Api.EVENTS)).contains("HTTP 500 (next 1 request)");
    schedule.take(Api.EVENTS);
    assertThat(schedule.describeCurrent(Api.EVENTS))
        .contains("dropped connection (next 3 requests)");
  }

  @Test
  void rejectsBadArgumentsNamingThem() {
    assertThatThrownBy(() -> schedule.next(Api.EVENTS, 0, NEXT))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("times must be at least 1, was 0");
    assertThatThrownBy(() -> schedule.during(Api.EVENTS, Duration.ofSeconds(-1),
        Duration.ofSeconds(1), NEXT)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from");
    assertThatThrownBy(() -> schedule.during(Api.EVENTS, Duration.ofSeconds(5),
        Duration.ofSeconds(5), NEXT)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("until");
    assertThatThrownBy(() -> schedule.always(Api.EVENTS, Fault.graphQlError("TIMEOUT", "slow")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NERDGRAPH");
    assertThatThrownBy(() -> schedule.always(null, NEXT)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void hugeWindowsDoNotOverflow() {
    schedule.during(Api.EVENTS, Duration.ZERO, Duration.ofDays(365 * 1000), WINDOW);

    ticker.advance(Duration.ofDays(365 * 100));
    assertThat(schedule.take(Api.EVENTS)).contains(WINDOW);
  }
}
