package dev.breakwater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for defects reviews of the per-thread deadline slots and the wheel's nested
 * deadlines found, each of which failed before its fix. The slot tests drive
 * {@link CallerDeadlines} by hand ({@link HandDrivenDeadlines}).
 */
class DeadlineReviewFindingsTest extends HandDrivenDeadlines {
  /**
   * The heartbeat dies: its finally sets {@code thread = null}, then calls {@code forget()}. In
   * between, a caller arms its slot, brings the scan forward and starts a new heartbeat, whose
   * first (forced) tick plans the scan at the caller's deadline. The old thread's forget() then
   * overwrites that plan with "none": the new heartbeat's tick at the deadline finds nothing due,
   * and the call is never interrupted.
   */
  @Test
  void aLateForgetByTheDeadHeartbeatDoesNotEraseTheNewHeartbeatsPlan() {
    CallerDeadline slot = deadlines.arm(clock.read() + 10 * MS); // starts the new heartbeat
    deadlines.tick(clock.read(), true); // the new heartbeat's first beat
    assertThat(deadlines.scanAt()).isEqualTo(clock.read() + 10 * MS);
    deadlines.forget(); // the old heartbeat's finally, running late
    runFor(10);
    assertThat(Thread.currentThread().isInterrupted()).as("interrupted at its deadline").isTrue();
    assertThat(slot.disarm()).isFalse();
  }

  /**
   * A caller whose deadline is later than the planned scan counts on that scan and asks for no
   * wake-up. If the heartbeat then dies, forget() plans nothing, and nobody starts a new
   * heartbeat: the call is stuck until some other caller happens to bring a scan forward.
   */
  @Test
  void aCallerThatCountedOnTheDeadHeartbeatsScanStillGetsOne() {
    CallerDeadline slot = deadlines.arm(clock.read() + 5 * MS);
    assertThat(slot.disarm()).isTrue(); // the planned scan stays at +5 ms
    CallerDeadline mine = deadlines.arm(clock.read() + 10 * MS); // counts on the scan at +5 ms
    wakeRequests.clear();
    deadlines.forget(); // the heartbeat died
    assertThat(wakeRequests).as("a new heartbeat asked for by the deadline")
        .isNotEmpty().allMatch(at -> at - (clock.read() + 10 * MS) <= 0);
    deadlines.tick(clock.read(), true); // the new heartbeat's first beat
    runFor(10);
    assertThat(Thread.currentThread().isInterrupted()).as("interrupted at its deadline").isTrue();
    assertThat(mine.disarm()).isFalse();
  }

  /**
   * Arming succeeded but asking for the wake-up threw (Heartbeat.start() failing to create its
   * thread: OutOfMemoryError "unable to create native thread"). The call never runs and never
   * disarms, so the slot stays armed: its deadline later interrupts the thread in unrelated work,
   * and the slot is stuck in EXPIRED, never usable again.
   */
  @Test
  void aFailedWakeUpRequestLeavesNoArmedSlotBehind() {
    AtomicInteger requests = new AtomicInteger();
    CallerDeadlines failing = new CallerDeadlines(clock, at -> {
      if (requests.getAndIncrement() == 0) {
        throw new OutOfMemoryError("unable to create native thread");
      }
    });
    assertThatThrownBy(() -> failing.arm(clock.read() + 10 * MS)).isInstanceOf(OutOfMemoryError.class);
    clock.advanceMillis(20);
    failing.tick(clock.read(), true);
    assertThat(Thread.currentThread().isInterrupted()).as("interrupt leaked into later work").isFalse();
    CallerDeadline next = failing.arm(clock.read() + 10 * MS);
    assertThat(next).as("the thread's slot for its next call").isNotNull();
    assertThat(next.disarm()).isTrue();
  }

  /**
   * An outer call holds the thread's slot; a nested call on another breaker uses the wheel. The
   * inner deadline fires; while the inner task unwinds, the outer deadline fires too. The inner
   * call then clears "its" interrupt, which is also the outer's: the outer body goes on
   * uninterrupted past its deadline (here it would block for 10 s more).
   */
  @Test
  void anOuterDeadlineFiringWhileANestedTimedOutCallUnwindsStillInterruptsTheOuterCall()
      throws Exception {
    CircuitBreaker outer = CircuitBreaker.of(CircuitBreakerConfig.builder("review-nested-outer")
        .failureThreshold(1_000_000).timeout(Duration.ofMillis(150)).build());
    CircuitBreaker inner = CircuitBreaker.of(CircuitBreakerConfig.builder("review-nested-inner")
        .failureThreshold(1_000_000).timeout(Duration.ofMillis(10)).build());
    AtomicReference<String> outcome = new AtomicReference<>();
    for (int attempt = 0; attempt < 20 && outcome.get() == null; attempt++) {
      // a fresh thread, whose slot may collide with a live thread's: then retry on another one
      Thread t = new Thread(() -> {
        Thread me = Thread.currentThread();
        try {
          outer.call(() -> {
            if (CallerDeadlines.INSTANCE.stateOf(me) != CallerDeadline.ARMED) {
              return 0; // the outer call has no slot here (a colliding thread); try another
            }
            outcome.set(afterAnInnerTimeout(inner,
                () -> CallerDeadlines.INSTANCE.stateOf(me) == CallerDeadline.EXPIRED));
            return 1;
          });
        } catch (CallTimeoutException expected) {
          // the outer call timed out
        }
      }, "review-nested");
      t.start();
      t.join(30_000);
    }
    assertThat(outcome.get()).as("the outer body, after its deadline fired").isEqualTo("interrupted");
  }

  /**
   * Three nested calls: the outer one holds the thread's slot, so the middle and inner ones use
   * the wheel. The inner deadline fires; while the inner task unwinds, the middle deadline fires
   * too. The inner call then clears "its" interrupt, which is also the middle call's: the middle
   * body goes on uninterrupted past its deadline.
   */
  @Test
  void aMiddleWheelDeadlineFiringWhileANestedWheelTimedCallUnwindsStillInterruptsTheMiddleCall()
      throws Exception {
    CircuitBreaker outer = CircuitBreaker.of(CircuitBreakerConfig.builder("review-wheel-outer")
        .failureThreshold(1_000_000).timeout(Duration.ofSeconds(60)).build());
    CircuitBreaker middle = CircuitBreaker.of(CircuitBreakerConfig.builder("review-wheel-middle")
        .failureThreshold(1_000_000).timeout(Duration.ofMillis(150)).build());
    CircuitBreaker inner = CircuitBreaker.of(CircuitBreakerConfig.builder("review-wheel-inner")
        .failureThreshold(1_000_000).timeout(Duration.ofMillis(10)).build());
    AtomicReference<String> outcome = new AtomicReference<>();
    Thread t = new Thread(() -> outer.run(() -> {
      Thread me = Thread.currentThread();
      try {
        middle.call(() -> {
          outcome.set(afterAnInnerTimeout(inner, me::isInterrupted));
          return 1;
        });
      } catch (CallTimeoutException expected) {
        // the middle call timed out
      }
    }), "review-wheel-nested");
    t.start();
    t.join(30_000);
    assertThat(outcome.get()).as("the middle body, after its deadline fired").isEqualTo("interrupted");
  }

  /**
   * Makes a call through {@code inner} that blocks until its deadline interrupts it, then unwinds
   * slowly, until {@code enclosingFired} says the enclosing call's deadline has fired meanwhile.
   *
   * @return whether the thread is interrupted once the inner call has ended
   */
  private static String afterAnInnerTimeout(CircuitBreaker inner, BooleanSupplier enclosingFired) {
    try {
      inner.call(() -> {
        try {
          new CountDownLatch(1).await(10, TimeUnit.SECONDS);
        } catch (InterruptedException innerDeadline) {
          long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
          while (!enclosingFired.getAsBoolean() && System.nanoTime() - giveUp < 0) {
            Thread.onSpinWait();
          }
        }
        return 1;
      });
    } catch (CallTimeoutException expected) {
      // the inner call timed out
    }
    return Thread.currentThread().isInterrupted() ? "interrupted" : "not interrupted";
  }

  /**
   * Scheduling a wheel deadline puts the entry on the wheel and then asks the heartbeat to wake,
   * which starts it if none runs; starting a thread can fail (out of native threads). The call
   * then fails, but its entry was left pending on the wheel: a later heartbeat fires it and
   * interrupts the thread in the middle of unrelated work.
   */
  @Test
  void aWheelDeadlineWhoseWakeUpRequestFailedNeverInterruptsTheThreadLater() {
    TimeoutWheel wheel = new TimeoutWheel(clock, deadline -> {
      throw new OutOfMemoryError("unable to create native thread");
    });
    assertThatThrownBy(() -> SyncTimeout.start(10 * MS, wheel))
        .isInstanceOf(OutOfMemoryError.class);
    for (int t = 0; t <= 20; t++) {
      clock.advanceMillis(1);
      wheel.tick(clock.read());
    }
    assertThat(Thread.currentThread().isInterrupted()).as("interrupted after the call had failed").isFalse();
    assertThat(SyncTimeout.enclosingDeadlineFired(true)).as("a failed call left on the thread's stack").isFalse();
  }

  /**
   * Something interrupts the heartbeat thread. A parked thread whose interrupt is set returns from
   * every park at once, so the heartbeat would spin on a core for good; it must clear the flag.
   */
  @Test
  void anInterruptedHeartbeatClearsTheInterruptInsteadOfSpinning() throws Exception {
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("wakes-heartbeat")
        .timeout(Duration.ofSeconds(30)).build());
    assertThat(b.call(() -> 1)).isEqualTo(1); // makes sure the heartbeat runs
    Thread heartbeat = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("breakwater-heartbeat")).findFirst().orElseThrow();
    heartbeat.interrupt();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (heartbeat.isInterrupted() && System.nanoTime() - deadline < 0) {
      Thread.yield();
    }
    assertThat(heartbeat.isInterrupted()).as("the heartbeat's interrupt flag").isFalse();
  }
}
