package dev.breakwater.benchmarks;

import dev.breakwater.CallTimeoutException;
import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * How late Breakwater's timeouts fire while the CPU is busy: {@value #SPINNERS} threads spin
 * while one caller makes calls that sleep {@value #LONG_SLEEP_MS} ms through a breaker with a
 * {@value #TIMEOUT_MS} ms timeout (default ticker, a failure threshold high enough never to open).
 * Lateness is the time from just before {@code execute} to the caught
 * {@link CallTimeoutException}, minus {@value #TIMEOUT_MS} ms. A second run makes calls that
 * sleep {@value #SHORT_SLEEP_MS} ms, which must all succeed.
 *
 * <p>Usage: {@code TimeoutLateness [--quick] [calls]} runs in this JVM (400 calls per run, 100
 * with {@code --quick}) and prints the report section and a {@code RESULT} line.
 */
public final class TimeoutLateness {
  static final int SPINNERS = 8;
  static final long TIMEOUT_MS = 50;
  static final long LONG_SLEEP_MS = 200;
  static final long SHORT_SLEEP_MS = 45;
  /** Calls of each kind made before measuring, for class loading and the first heartbeat start. */
  static final int WARM_UP_CALLS = 5;

  private static final long MILLI = 1_000_000L;
  private static final int MAX_DETAILS = 20;

  private TimeoutLateness() {}

  /**
   * Both runs' outcomes. Lateness in ms; "early" counts timeouts caught before
   * {@value #TIMEOUT_MS} ms; "interruptsLeft" counts calls after which the caller's interrupt
   * flag was still set; "other" counts any other outcome (a success, or another exception).
   * In the short run, a timeout is "wrong" if the exception came before {@value #TIMEOUT_MS} ms
   * ("thrown early") or the call's body had returned within {@value #TIMEOUT_MS} ms of the start;
   * it is "unfinished" (a right timeout) if the call had not ended by then: its
   * {@value #SHORT_SLEEP_MS} ms sleep returned later, or was still waiting for a core when the
   * deadline interrupted it ("unfinishedInterrupted"). The details list each wrong timeout as
   * body/thrown milliseconds after the start ("-" if none, "int" for an interrupted body).
   */
  record Results(int calls, int spinners, int processors,
      double minMs, double p50Ms, double p99Ms, double maxMs, int early, int other, int interruptsLeft,
      int shortCalls, int shortSucceeded, int shortWronglyTimedOut, int shortThrownEarly,
      int shortTimedOutUnfinished, int shortUnfinishedInterrupted, int shortOther, int shortInterruptsLeft, double shortMaxBodyMs,
      double shortMaxElapsedMs, String shortWrongDetails) {}

  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    int calls = quick ? 100 : 400;
    for (String a : args) {
      if (!a.startsWith("--")) {
        calls = Integer.parseInt(a);
      }
    }
    Results r = runHere(calls);
    StringBuilder md = new StringBuilder();
    ReportWriter.timeoutLatenessSection(md, r);
    System.out.print(md);
    System.out.println(ForkedJvm.encode(r));
  }

  /** Runs the measurement in a fresh JVM, so the spinning threads leave nothing behind. */
  static Results inFreshJvm(boolean quick) throws IOException, InterruptedException {
    return ForkedJvm.runFor(Results.class, TimeoutLateness.class, 600,
        quick ? List.of("--quick") : List.of());
  }

  static Results runHere(int calls) throws InterruptedException {
    CircuitBreaker breaker = CircuitBreaker.of(CircuitBreakerConfig.builder("lateness")
        .timeout(Duration.ofMillis(TIMEOUT_MS)).failureThreshold(Integer.MAX_VALUE).build());
    Spinners spinners = new Spinners(SPINNERS);
    try {
      Callable<Integer> tooLong = () -> {
        Thread.sleep(LONG_SLEEP_MS);
        return 1;
      };
      Body shortBody = new Body();
      for (int i = 0; i < WARM_UP_CALLS; i++) {
        timedOut(breaker, tooLong);
        shortBody.ended = 0;
        timedOut(breaker, shortBody);
        Thread.interrupted();
      }

      double[] lateness = new double[calls];
      int late = 0;
      int early = 0;
      int other = 0;
      int interruptsLeft = 0;
      for (int i = 0; i < calls; i++) {
        long start = System.nanoTime();
        try {
          breaker.execute(tooLong);
          other++;
        } catch (CallTimeoutException e) {
          long elapsed = System.nanoTime() - start;
          lateness[late++] = (elapsed - TIMEOUT_MS * MILLI) / (double) MILLI;
          if (elapsed < TIMEOUT_MS * MILLI) {
            early++;
          }
        } catch (Exception e) {
          other++;
        }
        if (Thread.interrupted()) {
          interruptsLeft++;
        }
      }
      double[] sorted = Arrays.copyOf(lateness, late);
      Arrays.sort(sorted);

      int succeeded = 0;
      int wrong = 0;
      int thrownEarly = 0;
      StringBuilder details = new StringBuilder();
      int unfinished = 0;
      int unfinishedInterrupted = 0;
      int shortOther = 0;
      int shortInterrupts = 0;
      long maxBody = 0;
      long maxElapsed = 0;
      for (int i = 0; i < calls; i++) {
        shortBody.ended = 0;
        long start = System.nanoTime();
        try {
          breaker.execute(shortBody);
          succeeded++;
        } catch (CallTimeoutException e) {
          long thrown = System.nanoTime() - start;
          boolean returned = shortBody.ended != 0;
          if (thrown < TIMEOUT_MS * MILLI || returned && shortBody.ended - start <= TIMEOUT_MS * MILLI) {
            wrong++;
            if (thrown < TIMEOUT_MS * MILLI) {
              thrownEarly++;
            }
            if (wrong <= MAX_DETAILS) {
              details.append(details.length() == 0 ? "" : ",")
                  .append(shortBody.ended == 0 ? "int" : ms(shortBody.ended - start)).append('/')
                  .append(ms(thrown));
            } else if (wrong == MAX_DETAILS + 1) {
              details.append(",...");
            }
          } else {
            unfinished++;
            if (!returned) {
              unfinishedInterrupted++;
            }
          }
        } catch (Exception e) {
          shortOther++;
        }
        long end = System.nanoTime();
        maxElapsed = Math.max(maxElapsed, end - start);
        if (shortBody.ended != 0) {
          maxBody = Math.max(maxBody, shortBody.ended - start);
        }
        if (Thread.interrupted()) {
          shortInterrupts++;
        }
      }
      return new Results(calls, SPINNERS, Runtime.getRuntime().availableProcessors(),
          percentile(sorted, 0), percentile(sorted, 0.50), percentile(sorted, 0.99),
          percentile(sorted, 1), early, other, interruptsLeft,
          calls, succeeded, wrong, thrownEarly, unfinished, unfinishedInterrupted, shortOther, shortInterrupts,
          maxBody / (double) MILLI, maxElapsed / (double) MILLI,
          details.length() == 0 ? "-" : details.toString());
    } finally {
      spinners.stop();
    }
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / (double) MILLI);
  }

  /** Sleeps {@value #SHORT_SLEEP_MS} ms and notes when it returned; 0 if it was interrupted. */
  static final class Body implements Callable<Integer> {
    long ended;

    @Override
    public Integer call() throws InterruptedException {
      Thread.sleep(SHORT_SLEEP_MS);
      ended = System.nanoTime();
      return 1;
    }
  }

  private static boolean timedOut(CircuitBreaker breaker, Callable<Integer> call) {
    try {
      breaker.execute(call);
      return false;
    } catch (CallTimeoutException e) {
      return true;
    } catch (Exception e) {
      throw new IllegalStateException("unexpected outcome of a warm-up call", e);
    }
  }

  /** Nearest rank: the smallest value with at least {@code q} of the values at or below it. */
  static double percentile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
  }

  /** Daemon threads in busy loops until {@link #stop()}. */
  static final class Spinners {
    private final Thread[] threads;
    private volatile boolean spin = true;
    volatile long sink;

    Spinners(int count) {
      threads = new Thread[count];
      for (int i = 0; i < count; i++) {
        threads[i] = new Thread(this::spin, "spinner-" + i);
        threads[i].setDaemon(true);
        threads[i].start();
      }
    }

    private void spin() {
      long x = 1;
      while (spin) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
      sink = x;
    }

    void stop() throws InterruptedException {
      spin = false;
      for (Thread t : threads) {
        t.join();
      }
    }
  }
}
