package dev.breakwater.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
}
