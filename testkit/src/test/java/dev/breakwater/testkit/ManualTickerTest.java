package dev.breakwater.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManualTickerTest {

  @Test
  void startsAtANonZeroReadingThatDoesNotMoveByItself() {
    ManualTicker ticker = ManualTicker.create();
    long first = ticker.read();
    assertThat(first).isNotZero();
    assertThat(ticker.read()).isEqualTo(first);
  }

  @Test
  void advancesByDurationAndByUnit() {
    ManualTicker ticker = ManualTicker.create();
    long start = ticker.read();
    ticker.advance(Duration.ofMillis(1500)).advance(2, TimeUnit.SECONDS).advance(Duration.ZERO);
    assertThat(ticker.read() - start).isEqualTo(3_500_000_000L);
  }

  @Test
  void negativeAdvanceIsRejectedNamingTheValue() {
    ManualTicker ticker = ManualTicker.create();
    assertThatThrownBy(() -> ticker.advance(Duration.ofSeconds(-3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-3S");
    assertThatThrownBy(() -> ticker.advance(-7, TimeUnit.MILLISECONDS))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-7");
  }

  @Test
  void advancesFromManyThreadsAreAllApplied() throws InterruptedException {
    ManualTicker ticker = ManualTicker.create();
    long start = ticker.read();
    Thread[] threads = new Thread[4];
    for (int i = 0; i < threads.length; i++) {
      threads[i] = new Thread(() -> {
        for (int j = 0; j < 10_000; j++) {
          ticker.advance(1, TimeUnit.NANOSECONDS);
        }
      });
      threads[i].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(ticker.read() - start).isEqualTo(40_000);
  }

  @Test
  void asClockReadsTheOriginAndMovesWithTheTicker() {
    ManualTicker ticker = ManualTicker.create();
    ticker.advance(Duration.ofSeconds(5));
    Instant origin = Instant.parse("2030-01-01T00:00:00Z");
    Clock clock = ticker.asClock(origin);

    assertThat(clock.instant()).isEqualTo(origin);
    ticker.advance(Duration.ofMillis(1500));
    assertThat(clock.millis()).isEqualTo(origin.toEpochMilli() + 1500);
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(clock.withZone(ZoneId.of("Europe/Paris")).instant()).isEqualTo(clock.instant());
    assertThatThrownBy(() -> ticker.asClock(null)).isInstanceOf(NullPointerException.class);
  }
}
