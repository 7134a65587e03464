package dev.breakwater;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The callers' deadline slots, driven by hand: a manual clock, and the heartbeat's scans called
 * by the test, which also records every time a caller asked the heartbeat to wake.
 */
class CallerDeadlinesTest extends HandDrivenDeadlines {
  @Test
  void aCallPastItsDeadlineIsInterruptedAndTheInterruptIsClearedWhenItEnds() {
    CallerDeadline slot = deadlines.arm(clock.read() + 10 * MS);
    assertThat(slot).isNotNull();
    runFor(9);
    assertThat(Thread.currentThread().isInterrupted()).as("interrupted before the deadline").isFalse();
    runFor(1);
    assertThat(Thread.currentThread().isInterrupted()).as("interrupted at the deadline").isTrue();
    assertThat(slot.disarm()).as("ended in time").isFalse();
    assertThat(Thread.currentThread().isInterrupted()).as("interrupt left set").isFalse();
  }

  @Test
  void aCallThatEndsInTimeIsNeverInterruptedLater() {
    CallerDeadline slot = deadlines.arm(clock.read() + 10 * MS);
    runFor(5);
    assertThat(slot.disarm()).isTrue();
    runFor(100);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void theNextCallOnTheSameSlotIsNotFiredByThePreviousCallsDeadline() {
    CallerDeadline first = deadlines.arm(clock.read() + 10 * MS);
    long stampOfFirst = first.stamp();
    assertThat(first.disarm()).isTrue();
    CallerDeadline second = deadlines.arm(clock.read() + 1_000 * MS);
    assertThat(second).isSameAs(first);
    clock.advanceMillis(20);
    second.fire(stampOfFirst); // a scan that read the first call's stamp, acting late
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(second.disarm()).isTrue();
  }

  @Test
  void aNestedCallOnTheSameThreadGetsNoSlot() {
    CallerDeadline outer = deadlines.arm(clock.read() + 100 * MS);
    assertThat(deadlines.arm(clock.read() + 10 * MS)).as("inner call's slot").isNull();
    assertThat(outer.disarm()).isTrue();
    CallerDeadline again = deadlines.arm(clock.read() + 10 * MS);
    assertThat(again).isSameAs(outer);
    assertThat(again.disarm()).isTrue();
  }

  @Test
  void steadyTrafficOnOneTimeoutWakesTheHeartbeatAboutOncePerTimeoutPeriod() {
    // 3,000 calls, one a millisecond, each with a 100 ms timeout, all ending in time.
    for (int i = 0; i < 3_000; i++) {
      CallerDeadline slot = deadlines.arm(clock.read() + 100 * MS);
      assertThat(slot.disarm()).isTrue();
      runFor(1);
    }
    assertThat(wakeRequests).as("wake-ups asked by callers").hasSize(1);
    assertThat(deadlines.scanPlanned(clock.read())).isTrue();
    runFor(200); // traffic stops: one more scan at the last deadline, then none is planned
    assertThat(deadlines.scanPlanned(clock.read())).isFalse();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aShorterDeadlineThanThePlannedScanBringsTheScanForward() {
    CallerDeadline slow = deadlines.arm(clock.read() + 1_000 * MS);
    assertThat(deadlines.scanAt()).isEqualTo(clock.read() + 1_000 * MS);
    CallerDeadline[] shortOne = new CallerDeadline[1];
    long[] due = new long[1];
    runOnOtherThread(() -> {
      due[0] = clock.read() + 5 * MS;
      shortOne[0] = deadlines.arm(clock.read() + 5 * MS);
      shortOne[0].disarm();
    });
    assertThat(deadlines.scanAt()).isEqualTo(due[0]);
    assertThat(wakeRequests).containsExactly(clock.read() + 1_000 * MS, due[0]);
    assertThat(slow.disarm()).isTrue();
  }

  @Test
  void aThreadWhoseSlotIsHeldByAnotherLiveThreadGetsNone() throws Exception {
    CallerDeadline mine = deadlines.arm(clock.read() + 100 * MS);
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<Object> result = new AtomicReference<>("not run");
    Thread rival = sameSlotAs(Thread.currentThread(), () -> {
      result.set(deadlines.arm(clock.read() + 100 * MS));
      done.countDown();
    });
    rival.start();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(result.get()).as("the rival's slot").isNull();
    assertThat(mine.disarm()).isTrue();
  }

  @Test
  void aDeadThreadsIdleSlotIsTakenOver() throws Exception {
    CallerDeadline[] theirs = new CallerDeadline[1];
    Thread first = new Thread(() -> {
      theirs[0] = deadlines.arm(clock.read() + 100 * MS);
      theirs[0].disarm();
    });
    first.start();
    first.join();
    CallerDeadline[] next = new CallerDeadline[1];
    Thread successor = sameSlotAs(first, () -> {
      next[0] = deadlines.arm(clock.read() + 100 * MS);
      next[0].disarm();
    });
    successor.start();
    successor.join();
    assertThat(next[0]).isSameAs(theirs[0]);
  }

  @Test
  void deadlinesComeFromTheGivenClockNotTheCoarseOne() {
    assertThat(CallerDeadlines.INSTANCE.clock()).isSameAs(Ticker.system());
  }

  private static Thread sameSlotAs(Thread other, Runnable body) {
    for (;;) {
      Thread t = new Thread(body, "same-slot");
      if ((t.getId() & (CallerDeadlines.SLOTS - 1)) == (other.getId() & (CallerDeadlines.SLOTS - 1))) {
        return t;
      }
    }
  }

  private static void runOnOtherThread(Runnable body) {
    Thread t = new Thread(body);
    t.start();
    try {
      t.join();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
