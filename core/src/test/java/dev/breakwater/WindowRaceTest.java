package dev.breakwater;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Window figures while {@code reset()} races with permits ending on other threads: every snapshot
 * consistent (0 ≤ failures ≤ calls, rates in [0, 100]) and, at rest, exactly what the last CLOSED
 * period recorded.
 */
class WindowRaceTest {

  @Test
  void windowFiguresStayConsistentWhileResetRacesWithEndingPermits() throws Exception {
    TestTicker ticker = new TestTicker();
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("window-race")
        .failureThreshold(1_000_000).timeout(Duration.ZERO).ticker(ticker).build());
    AtomicBoolean running = new AtomicBoolean(true);
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      int id = t;
      threads.add(new Thread(() -> {
        List<Permit> held = new ArrayList<>();
        for (int i = 0; running.get(); i++) {
          b.tryAcquire().ifPresent(held::add);
          if (held.size() == 16) {
            for (Permit p : held) {
              if ((i + id) % 3 == 0) {
                p.onSuccess();
              } else {
                p.onFailure(new Calls.Boom("down"));
              }
            }
            held.clear();
          }
        }
        held.forEach(Permit::release);
      }));
    }
    threads.add(new Thread(() -> {
      while (running.get()) {
        b.reset();
        Thread.yield();
      }
    }));
    threads.add(new Thread(() -> {
      for (int i = 0; i < 200_000; i++) {
        CircuitBreakerStats s = b.stats();
        if (s.windowCalls() < 0 || s.windowFailures() < 0 || s.windowFailures() > s.windowCalls()
            || s.windowFailureRate() < 0 || s.windowFailureRate() > 100) {
          problems.add(s.toString());
        }
      }
      running.set(false);
    }));
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(problems).isEmpty();

    // At rest: a reset, then a known history, is all the window shows.
    b.reset();
    Calls.fail(b);
    Calls.succeed(b);
    CircuitBreakerStats s = b.stats();
    assertThat(s.windowCalls()).isEqualTo(2);
    assertThat(s.windowFailures()).isEqualTo(1);
  }
}
