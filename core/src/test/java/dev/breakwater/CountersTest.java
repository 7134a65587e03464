package dev.breakwater;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * The counters give every recording thread a cell of its own, however many threads there are (up
 * to {@link Counters#MAX_OWNED_CELLS}), and never lose a count while their table grows.
 */
class CountersTest {

  /** 200 live threads, as in a servlet pool: none of them is sent to the shared atomic cells. */
  @Test
  void twoHundredLiveThreadsEachGetTheirOwnCell() throws Exception {
    Counters counters = new Counters();
    int threads = 200;
    int perThread = 2_000;
    CyclicBarrier allAlive = new CyclicBarrier(threads);
    CyclicBarrier allRecorded = new CyclicBarrier(threads);
    List<Thread> started = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(() -> {
        try {
          allAlive.await(); // every thread is alive before any records, so no cell can be inherited
          for (int n = 0; n < perThread; n++) {
            counters.success(3, n % 2 == 0);
            if (n % 100 == 0) {
              counters.failure(5, true, false);
            }
          }
          allRecorded.await(); // and stays alive until all have recorded
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      }, "counters-" + i);
      t.start();
      started.add(t);
    }
    for (Thread t : started) {
      t.join(30_000);
      assertThat(t.isAlive()).isFalse();
    }
    assertThat(failures).isEmpty();
    assertThat(counters.ownedCells()).as("threads with a cell of their own").isEqualTo(threads);
    assertThat(counters.sharedCellsInUse()).as("shared cells made").isFalse();
    long failuresPerThread = (perThread + 99) / 100;
    assertThat(counters.successes()).isEqualTo((long) threads * perThread);
    assertThat(counters.slowCalls()).isEqualTo((long) threads * perThread / 2);
    assertThat(counters.failures()).isEqualTo(threads * failuresPerThread);
    assertThat(counters.timeouts()).isEqualTo(threads * failuresPerThread);
    assertThat(counters.durationNanos())
        .isEqualTo(threads * (3L * perThread + 5L * failuresPerThread));
  }

  /** Beyond the table's limit, threads share atomic cells, and every count is still there. */
  @Test
  void threadsBeyondTheLimitShareAtomicCellsWithoutLosingCounts() throws Exception {
    Counters counters = new Counters();
    int threads = Counters.MAX_OWNED_CELLS + 40;
    CyclicBarrier allAlive = new CyclicBarrier(threads);
    CyclicBarrier allRecorded = new CyclicBarrier(threads);
    List<Thread> started = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(() -> {
        try {
          allAlive.await();
          for (int n = 0; n < 50; n++) {
            counters.success(1, false);
            counters.rejection();
            counters.ignored();
          }
          allRecorded.await();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      t.start();
      started.add(t);
    }
    for (Thread t : started) {
      t.join(60_000);
    }
    assertThat(counters.ownedCells()).isLessThanOrEqualTo(Counters.MAX_OWNED_CELLS);
    assertThat(counters.successes()).isEqualTo(threads * 50L);
    assertThat(counters.rejections()).isEqualTo(threads * 50L);
    assertThat(counters.ignoredCalls()).isEqualTo(threads * 50L);
    assertThat(counters.durationNanos()).isEqualTo(threads * 50L);
  }

  /** A thread that died leaves its counts; the next thread on its slot carries them on. */
  @Test
  void aDeadThreadsCountsStay() throws Exception {
    Counters counters = new Counters();
    for (int i = 0; i < 300; i++) {
      Thread t = new Thread(() -> counters.success(2, false));
      t.start();
      t.join();
    }
    assertThat(counters.successes()).isEqualTo(300);
    assertThat(counters.durationNanos()).isEqualTo(600);
    assertThat(counters.ownedCells()).as("cells of dead threads are taken over, not piled up")
        .isLessThanOrEqualTo(Counters.INITIAL_CELLS);
  }
}
