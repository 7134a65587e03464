package dev.breakwater;

import static dev.breakwater.Calls.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Regression tests for the bugs a review of the core found, each named for what it guards. */
class ReviewRegressionTest {
  private final TestTicker ticker = new TestTicker();

  @Test
  void lateFailuresFromAnEarlierClosedStateDoNotCountInTheNewWindow() {
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("stale-window")
        .failureThreshold(3).successThreshold(1).failureRateThreshold(50).minimumCalls(10)
        .timeout(Duration.ZERO).ticker(ticker).build());
    List<Permit> slow = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      slow.add(b.tryAcquire().orElseThrow()); // long calls admitted while CLOSED
    }
    fail(b);
    fail(b);
    fail(b); // opens
    ticker.advance(Duration.ofSeconds(5));
    b.tryAcquire().orElseThrow().onSuccess(); // trial succeeds: CLOSED again, empty window
    slow.forEach(p -> p.onFailure(new Calls.Boom("late")));
    fail(b); // one fresh failure: 1 call in this CLOSED state's window
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    assertThat(b.stats().totalFailures()).isEqualTo(14);
    assertThat(b.stats().windowCalls()).isEqualTo(1);
  }

  @Test
  void theWindowIsEmptyBeforeTheNewClosedStateAdmitsItsFirstCall() {
    AtomicInteger readsUntilHook = new AtomicInteger(-1);
    List<Runnable> hook = new ArrayList<>();
    Ticker hooked = () -> {
      if (readsUntilHook.get() > 0 && readsUntilHook.decrementAndGet() == 0) {
        hook.forEach(Runnable::run);
      }
      return ticker.read();
    };
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("clear-race")
        .failureThreshold(100).successThreshold(1).halfOpenMaxCalls(1).failureRateThreshold(50)
        .minimumCalls(3).timeout(Duration.ZERO).ticker(hooked).build());
    fail(b);
    fail(b);
    fail(b); // rate 100 % over 3: opens
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    ticker.advance(Duration.ofSeconds(5));
    Permit trial = b.tryAcquire().orElseThrow();
    // Another thread calls (and fails) at the moment the closing thread reads the ticker to
    // empty the window: the outcome's end, then the clear.
    hook.add(() -> {
      Thread other = new Thread(() -> fail(b));
      other.start();
      try {
        other.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    readsUntilHook.set(2);
    trial.onSuccess();
    assertThat(b.state()).as("the old failures must not reopen the new CLOSED state").isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void aListenerThrowingAnErrorDuringATrialDoesNotLeakItsSlot() {
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("slot-leak")
        .failureThreshold(1).successThreshold(2).halfOpenMaxCalls(1).timeout(Duration.ZERO)
        .ticker(ticker).build());
    fail(b);
    ticker.advance(Duration.ofSeconds(5));
    AutoCloseable bad = b.onEvent(e -> {
      if (e instanceof CircuitBreakerEvent.Success) {
        throw new StackOverflowError("listener bug");
      }
    });
    // A listener's Error is logged and kept from the caller (so the outcome is fully recorded).
    assertThat(b.call(() -> "ok")).isEqualTo("ok");
    assertThat(((DefaultCircuitBreaker) b).trialsInFlight()).isZero();
    assertThat(b.tryAcquire()).isPresent();
    assertThat(bad).isNotNull();
  }

  @Test
  void aPredicateThrowingAnErrorStillEndsThePermit() {
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("predicate-error")
        .failureThreshold(1).halfOpenMaxCalls(1).timeout(Duration.ZERO).ticker(ticker)
        .recordFailure(t -> {
          throw new StackOverflowError("predicate bug");
        }).build());
    fail(b); // counts as a failure: opens
    ticker.advance(Duration.ofSeconds(5));
    fail(b);
    assertThat(((DefaultCircuitBreaker) b).trialsInFlight()).isZero();
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
  }

  @Test
  void aTimeoutWhoseExpiryThrowsDoesNotStopTheOthersFromFiring() {
    TestTicker clock = new TestTicker();
    TimeoutWheel wheel = new TimeoutWheel(clock, deadline -> { });
    AtomicLong fired = new AtomicLong();
    TimeoutEntry broken = new TimeoutEntry() {
      @Override
      void expire() {
        markExpired();
        throw new AssertionError("an expiry that fails with an Error");
      }
    };
    TimeoutEntry fine = new TimeoutEntry() {
      @Override
      void expire() {
        fired.incrementAndGet();
        markExpired();
      }
    };
    wheel.schedule(fine, 1_000_000);
    wheel.schedule(broken, 1_000_000);
    wheel.tick(clock.read() + 5_000_000);
    assertThat(fired).hasValue(1);
  }
}
