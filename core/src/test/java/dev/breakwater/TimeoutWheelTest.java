package dev.breakwater;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shared timer, driven tick by tick with a manual clock. */
class TimeoutWheelTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private final TestTicker clock = new TestTicker();
  private final TimeoutWheel wheel = new TimeoutWheel(clock, deadline -> { });
  private final List<String> fired = new ArrayList<>();

  private final class Recording extends TimeoutEntry {
    private final String name;

    Recording(String name) {
      this.name = name;
    }

    @Override
    void expire() {
      fired.add(name);
      markExpired();
    }
  }

  private void tickTo(long millisFromNow) {
    long start = clock.read();
    for (long t = 0; t <= millisFromNow; t++) {
      wheel.tick(start + t * MS);
    }
    clock.advanceMillis(millisFromNow);
  }

  @Test
  void firesAnEntryAtItsDeadlineNotBefore() {
    wheel.schedule(new Recording("a"), 10 * MS);
    tickTo(9);
    assertThat(fired).isEmpty();
    tickTo(1);
    assertThat(fired).containsExactly("a");
  }

  @Test
  void aFinishedEntryNeverFires() {
    Recording fast = new Recording("fast");
    wheel.schedule(fast, 5 * MS);
    assertThat(fast.finish()).isTrue();
    tickTo(100);
    assertThat(fired).isEmpty();
    assertThat(wheel.hasWork()).isFalse();
  }

  @Test
  void anEntryCancelledInsideItsBucketIsDroppedAtTheNextSweep() {
    Recording medium = new Recording("medium");
    wheel.schedule(medium, 50 * MS);
    tickTo(1);
    assertThat(wheel.entriesInWheel()).isEqualTo(1);
    medium.finish();
    tickTo(60);
    assertThat(fired).isEmpty();
    assertThat(wheel.entriesInWheel()).isZero();
  }

  @Test
  void deadlinesBeyondOneTurnOfTheWheelWaitForTheirRound() {
    wheel.schedule(new Recording("long"), 1_300 * MS);
    tickTo(1_299);
    assertThat(fired).isEmpty();
    tickTo(1);
    assertThat(fired).containsExactly("long");
  }

  @Test
  void anOversleptHeartbeatFiresEverythingDue() {
    wheel.schedule(new Recording("a"), 3 * MS);
    wheel.schedule(new Recording("b"), 700 * MS);
    wheel.tick(clock.read());
    wheel.tick(clock.read() + 2_000 * MS);
    assertThat(fired).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void aDeadlineLaterWithinTheCurrentMillisecondIsNotPostponedByATurn() {
    clock.advance(java.time.Duration.ofNanos(100_000)); // 0.1 ms into a tick
    wheel.schedule(new Recording("soon"), 500_000); // due 0.6 ms into the same tick
    wheel.tick(clock.read());
    assertThat(fired).isEmpty();
    wheel.tick(clock.read() + MS);
    assertThat(fired).containsExactly("soon");
  }
}
