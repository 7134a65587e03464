package dev.breakwater;

import static dev.breakwater.Calls.fail;
import static dev.breakwater.Calls.failTimes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Failing tests for defects found in a review of the core after 633044a. Each test names the
 * behaviour that should hold; see the comment in each for the interleaving or input.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoreReviewFindingsTest {
  private final TestTicker ticker = new TestTicker();

  // ---- maxHalfOpenWait is measured from entering HALF_OPEN, not from trial activity ----

  /**
   * Default config (halfOpenMaxCalls 2, timeout 30 s, maxHalfOpenWait 60 s). A trial admitted 59 s
   * into HALF_OPEN is abandoned 1 s later although it is 29 s away from its deadline (the javadoc
   * promises "a trial that is still within its deadline is never abandoned"); its slot is freed
   * and the next round admits two more trials while it is still running: 3 trials in flight.
   */
  @Test
  @Order(2)
  void theDefaultMaxHalfOpenWaitNeverAbandonsATrialWithinItsTimeoutNorOverAdmits() {
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("over-admission")
        .ticker(ticker).build());
    assertThat(b.config().halfOpenMaxCalls()).isEqualTo(2);
    assertThat(b.config().maxHalfOpenWait()).isEqualTo(Duration.ofSeconds(60));
    failTimes(b, 5);
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    ticker.advance(Duration.ofSeconds(5));
    b.tryAcquire().orElseThrow().release(); // an early trial ends without a verdict (ignored)
    ticker.advance(Duration.ofSeconds(59));
    CompletableFuture<String> dependency = new CompletableFuture<>();
    CompletableFuture<String> trial = b.executeAsync(() -> dependency); // 30 s timeout ahead
    List<Permit> more = new ArrayList<>();
    try {
      ticker.advance(Duration.ofSeconds(1)); // the trial has run 1 s of its 30 s
      CircuitState afterOneSecond = b.state();
      ticker.advance(Duration.ofSeconds(5));
      for (int i = 0; i < 2; i++) {
        b.tryAcquire().ifPresent(more::add);
      }
      assertThat(trial).as("the first trial is still running, within its timeout").isNotDone();
      assertThat(1 + more.size())
          .as("trial calls in flight at once (state 1 s after the trial started: %s)", afterOneSecond)
          .isLessThanOrEqualTo(b.config().halfOpenMaxCalls());
    } finally {
      dependency.complete("late");
      more.forEach(Permit::release);
    }
  }

  /**
   * Default config, dependency healthy again, one call a minute (a 60 s reporter, a cron job):
   * every HALF_OPEN round gets one successful trial, then the next call finds the round 60 s old
   * and abandons it (back to OPEN, call rejected). successThreshold 2 is never reached: the breaker
   * never closes and rejects every other healthy call, forever.
   */
  @Test
  @Order(3)
  void aHealthyDependencyCalledOnceAMinuteClosesTheCircuitAgainWithDefaults() {
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("a-call-a-minute")
        .ticker(ticker).build());
    failTimes(b, 5);
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    int rejected = 0;
    for (int minute = 1; minute <= 10; minute++) {
      ticker.advance(Duration.ofSeconds(60));
      try {
        b.call(() -> "healthy");
      } catch (CallNotPermittedException e) {
        rejected++;
      }
    }
    assertThat(b.state()).as("after 10 healthy calls (%d of them rejected)", rejected)
        .isEqualTo(CircuitState.CLOSED);
  }

  // ---- an outcome racing a transition lands in the new CLOSED state's window ----

  /**
   * The generation check ({@code current == s}) and the counter update in recordFailure are not
   * atomic, and the new window's snapshot is taken before the CAS that publishes it. A HALF_OPEN
   * trial failure that has passed the check when another trial's success closes the circuit is
   * counted into the new CLOSED window (and its verdict is dropped because the reopen CAS fails).
   * No linearization allows that: failure first would have reopened; success first makes the
   * failure stale. With a rate policy, the next single failure then opens the circuit.
   *
   * <p>Interleaving forced through {@link Thread#getId()}, which Counters calls between the check
   * and the update.
   */
  @Test
  @Order(4)
  void aTrialFailureRacingTheClosingSuccessNeverCountsInTheNewClosedWindow() throws Exception {
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("close-race")
        .failureThreshold(100).successThreshold(1).halfOpenMaxCalls(2)
        .failureRateThreshold(50).minimumCalls(2).timeout(Duration.ZERO).ticker(ticker).build());
    fail(b);
    fail(b); // 2 of 2 failed: opens
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    ticker.advance(Duration.ofSeconds(5));
    Permit closer = b.tryAcquire().orElseThrow();
    Permit failing = b.tryAcquire().orElseThrow();
    runWithHookInCounters(() -> failing.onFailure(new Calls.Boom("trial")), closer::onSuccess);
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
    CircuitBreakerStats stats = b.stats();
    assertThat(stats.windowCalls()).as("calls in the fresh CLOSED window").isZero();
    fail(b); // one failure in the new CLOSED state: 1 call < minimumCalls 2
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
  }

  /**
   * Same race with reset(): a permit's failure that passed the generation check when reset()
   * published its fresh window is counted in that window. reset() promises the in-flight outcome
   * "can no longer change the state or the new window"; here the next single failure opens it.
   */
  @Test
  @Order(5)
  void aFailureRacingResetNeverCountsInTheFreshWindow() throws Exception {
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("reset-race")
        .failureThreshold(100).failureRateThreshold(50).minimumCalls(2)
        .timeout(Duration.ZERO).ticker(ticker).build());
    Permit inFlight = b.tryAcquire().orElseThrow();
    runWithHookInCounters(() -> inFlight.onFailure(new Calls.Boom("late")), b::reset);
    assertThat(b.stats().windowCalls()).as("calls in the window made by reset()").isZero();
    fail(b); // one failure after the reset: 1 call < minimumCalls 2
    assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
  }

  /**
   * Runs {@code recording} on a thread whose {@code getId()} (called by Counters after the
   * breaker read its state and before it updates a counter) first runs {@code interloper}.
   */
  private static void runWithHookInCounters(Runnable recording, Runnable interloper)
      throws InterruptedException {
    AtomicBoolean armed = new AtomicBoolean();
    Throwable[] failure = new Throwable[1];
    Thread t = new Thread("hooked") {
      @Override
      public void run() {
        try {
          armed.set(true);
          recording.run();
        } catch (Throwable e) {
          failure[0] = e;
        }
      }

      @Override
      public long getId() {
        if (Thread.currentThread() == this && armed.compareAndSet(true, false)) {
          interloper.run();
        }
        return super.getId();
      }
    };
    t.start();
    t.join(10_000);
    assertThat(t.isAlive()).isFalse();
    assertThat(armed).as("the hook ran").isFalse();
    if (failure[0] != null) {
      throw new AssertionError(failure[0]);
    }
  }

  // ---- fallbacks ----

  /**
   * A fallback that calls a backup behind its own breaker (the usual shape) and is refused gets a
   * CallNotPermittedException, created with suppression disabled, so Fallback.recover's
   * addSuppressed(cause) is a no-op: the primary failure is lost, contrary to Fallback's javadoc
   * ("that exception reaches the caller with the original cause attached as suppressed").
   */
  @Test
  @Order(6)
  void aFallbackRefusedByABackupBreakerKeepsThePrimaryCause() {
    CircuitBreaker primary = CircuitBreaker.of(CircuitBreakerConfig.builder("primary")
        .timeout(Duration.ZERO).ticker(ticker).build());
    CircuitBreaker backup = CircuitBreaker.of(CircuitBreakerConfig.builder("backup")
        .timeout(Duration.ZERO).ticker(ticker).build());
    backup.forceOpen();
    IllegalStateException primaryFailure = new IllegalStateException("primary down");
    assertThatThrownBy(() -> primary.call(() -> {
      throw primaryFailure;
    }, Fallback.onFailure(cause -> backup.call(() -> "from backup"))))
        .isInstanceOf(CallNotPermittedException.class)
        .satisfies(e -> assertThat(e.getSuppressed())
            .as("the primary failure attached to the fallback's exception")
            .contains(primaryFailure));
  }

  /** An Error marking a bug in the protected call. */
  static final class CallBug extends Error {
    private static final long serialVersionUID = 1L;

    CallBug() {
      super("bug in the call");
    }
  }

  /**
   * An Error thrown by a sync call after its deadline fired is swallowed into the
   * CallTimeoutException's cause, and a Fallback.onFailure is applied to it, although Fallback
   * says it is never applied to an Error and the design says Errors propagate.
   */
  @Test
  @Order(7)
  void anErrorThrownAfterTheDeadlineIsNeverReplacedByTheFallback() {
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("error-after-deadline")
        .timeout(Duration.ofMillis(50)).ticker(ticker).build());
    assertThatThrownBy(() -> b.call(() -> {
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!Thread.currentThread().isInterrupted() && System.nanoTime() - giveUp < 0) {
        Thread.onSpinWait(); // CPU-bound work past the deadline
      }
      throw new CallBug();
    }, Fallback.onFailure(cause -> "fallback"))).isInstanceOf(CallBug.class);
  }

  // ---- CoarseClock: a late COARSE publish after the heartbeat turned the clock precise ----

  /**
   * The switching reader publishes COARSE with a plain write, and the heartbeat treats SWITCHING
   * like COARSE (PROBE every 64 ticks, then PRECISE). If the switching thread is preempted for
   * 64+ ms between its CAS to SWITCHING and {@code mode = COARSE} while the heartbeat ticks (woken
   * by a timer), the heartbeat goes SWITCHING → PROBE → PRECISE; readers then take nanoTime
   * without pushing {@code now}; the late {@code mode = COARSE} makes them read the heartbeat's
   * last, older value: time goes backwards for a reader. The test plays the switching thread's
   * instructions by hand (they are not reachable from outside) and the heartbeat's real tick().
   */
  @Test
  @Order(8)
  void aReaderNeverSeesTheCoarseClockGoBackwardsAcrossALateSwitch() throws Exception {
    VarHandle mode = MethodHandles.privateLookupIn(CoarseClock.class, MethodHandles.lookup())
        .findStaticVarHandle(CoarseClock.class, "mode", int.class);
    assumeTrue(CoarseClock.mode() == CoarseClock.PRECISE, "the clock starts precise");
    try {
      // The switching thread: CAS PRECISE -> SWITCHING, advance(nanoTime()) ... preempted.
      assertThat(mode.compareAndSet(CoarseClock.PRECISE, CoarseClock.SWITCHING)).isTrue();
      CoarseClock.read(); // a SWITCHING read pushes the coarse value, as the switcher's advance does
      // The heartbeat, ticking meanwhile: SWITCHING is the switcher's to leave, so it stays.
      assertThat(CoarseClock.tick(System.nanoTime(), 64)).isTrue();
      assertThat(CoarseClock.tick(System.nanoTime(), 65)).isTrue();
      assertThat(CoarseClock.mode()).isEqualTo(CoarseClock.SWITCHING);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
      long seen = CoarseClock.read(); // precise, and pushed into the coarse value while SWITCHING
      // The switching thread resumes: it publishes COARSE with a compare-and-set.
      assertThat(mode.compareAndSet(CoarseClock.SWITCHING, CoarseClock.COARSE)).isTrue();
      long next = CoarseClock.read();
      assertThat(next).as("a reading after one of %d", seen).isGreaterThanOrEqualTo(seen);
    } finally {
      CoarseClock.forceStop();
    }
  }
}
