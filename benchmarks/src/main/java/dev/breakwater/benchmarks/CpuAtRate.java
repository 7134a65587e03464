package dev.breakwater.benchmarks;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.Ticker;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.function.CheckedSupplier;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Whole-process CPU at a fixed call rate. One thread makes calls of a trivial call (it counts
 * itself and returns a constant), paced against {@link System#nanoTime()}: every millisecond it
 * makes the calls that are due, then parks until the next millisecond, or, below 1,000 calls/s,
 * until the next call is due. It first makes {@value #WARM_UP_BURST} calls back to back, so the JIT
 * compiles the call path before the window, then paces for a warm-up (extended by a second at a
 * time, up to {@value #MAX_QUIET_WAITS}, while the JIT compiler threads are still working), then reads the CPU time of
 * every thread of the process (JIT, GC, Breakwater's heartbeat) over a fixed window: to the
 * nanosecond from {@link ThreadCpu}, checked against
 * {@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime}, which counts whole ticks.
 *
 * <p>Usage: {@code CpuAtRate <variant> <calls/s> [warm-up s] [window s]} measures one variant in
 * this JVM and prints a {@code RESULT} line; {@code CpuAtRate all [--quick]} measures every
 * variant at every rate, three times, each in a fresh JVM, one after the other, and prints the report section.
 */
public final class CpuAtRate {
  static final List<String> VARIANTS = List.of("baseline", "breakwater", "breakwater-timeout30s",
      "breakwater-system-ticker", "resilience4j", "failsafe");
  static final List<Long> RATES = List.of(10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L);

  private static final Object RESULT = new Object();
  private static final long MILLI = 1_000_000L;
  /** Calls made back to back before the paced warm-up. */
  static final int WARM_UP_BURST = 200_000;
  /** Seconds the warm-up may be extended while the JIT compiler threads are still busy. */
  static final int MAX_QUIET_WAITS = 8;
  /** Runs of every cell; a cell shows the lowest. */
  static final int PASSES = 3;
  private static final long SECOND = 1_000_000_000L;

  private CpuAtRate() {}

  /**
   * One variant at one rate.
   *
   * @param cpuMsPerSecond process CPU milliseconds per wall-clock second (10 = 1 % of one core)
   * @param callerMsPerSecond the calling thread's share of it
   * @param achievedRate calls per second actually made in the window
   * @param nanosecondClock whether the figure is {@link ThreadCpu}'s, not the tick-based one
   */
  record Sample(String variant, long rate, double cpuMsPerSecond, double callerMsPerSecond,
      double achievedRate, double warmupSeconds, double windowSeconds, boolean nanosecondClock) {
    double percentOfCore() {
      return cpuMsPerSecond / 10;
    }

    double backgroundPercentOfCore() {
      return (cpuMsPerSecond - callerMsPerSecond) / 10;
    }
  }

  /**
   * The whole grid, measured in several passes, one after the other. A cell's figure is the lowest
   * of its runs (the interference a run can suffer, a JIT compilation or a neighbour on the VM,
   * only ever adds CPU); the spread between them shows the noise.
   */
  record Results(List<List<Sample>> passes, double warmupSeconds, double windowSeconds) {
    /** The run of {@code variant} at {@code rate} that used the least CPU. */
    Sample get(String variant, long rate) {
      Sample best = null;
      for (List<Sample> pass : passes) {
        Sample s = find(pass, variant, rate);
        if (s != null && (best == null || s.cpuMsPerSecond() < best.cpuMsPerSecond())) {
          best = s;
        }
      }
      return best;
    }

    /** Highest run minus lowest, in points of a core; NaN if a run is missing. */
    double spread(String variant, long rate) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (List<Sample> pass : passes) {
        Sample s = find(pass, variant, rate);
        if (s == null) {
          return Double.NaN;
        }
        min = Math.min(min, s.percentOfCore());
        max = Math.max(max, s.percentOfCore());
      }
      return max - min;
    }

    /** The widest {@link #spread} of any variant at {@code rate}: the noise of that row. */
    double noise(long rate) {
      double widest = 0;
      for (String v : VARIANTS) {
        double d = spread(v, rate);
        if (!Double.isNaN(d)) {
          widest = Math.max(widest, d);
        }
      }
      return widest;
    }

    private static Sample find(List<Sample> samples, String variant, long rate) {
      for (Sample s : samples) {
        if (s.variant().equals(variant) && s.rate() == rate) {
          return s;
        }
      }
      return null;
    }
  }

  /** The trivial call: counts itself, so the run can check every call really happened. */
  static final class Target implements Callable<Object>, Supplier<Object> {
    long count;

    @Override
    public Object call() {
      count++;
      return RESULT;
    }

    @Override
    public Object get() {
      count++;
      return RESULT;
    }
  }

  /** One call through the variant under test. */
  @FunctionalInterface
  interface Call {
    Object call() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    if (args.length >= 2 && VARIANTS.contains(args[0])) {
      Sample s = runHere(args[0], Long.parseLong(args[1]),
          args.length > 2 ? Double.parseDouble(args[2]) : 2,
          args.length > 3 ? Double.parseDouble(args[3]) : 10);
      System.out.println(String.format(Locale.ROOT, "%s at %,d calls/s: %.3f %% of one core"
          + " (calling thread %.3f %%), %,.0f calls/s made", s.variant(), s.rate(),
          s.percentOfCore(), s.callerMsPerSecond() / 10, s.achievedRate()));
      System.out.println(ForkedJvm.encode(s));
    } else if (args.length >= 1 && args[0].equals("all")) {
      boolean quick = List.of(args).contains("--quick");
      StringBuilder md = new StringBuilder();
      ReportWriter.cpuAtRateSection(md, runAll(quick, System.out));
      System.out.println();
      System.out.print(md);
    } else {
      System.err.println("usage: CpuAtRate <" + String.join("|", VARIANTS)
          + "> <calls/s> [warm-up s] [window s]\n       CpuAtRate all [--quick]");
      System.exit(2);
    }
  }

  /** Every variant at every rate, {@link #PASSES} times over; one JVM each. */
  static Results runAll(boolean quick, PrintStream progress) throws IOException, InterruptedException {
    double warmup = quick ? 1 : 2;
    double window = quick ? 2 : 6;
    List<List<Sample>> passes = new ArrayList<>();
    for (int pass = 0; pass < (quick ? 2 : PASSES); pass++) {
      List<Sample> grid = new ArrayList<>();
      for (long rate : RATES) {
        for (String variant : VARIANTS) {
          grid.add(inFreshJvm(variant, rate, warmup, window, progress));
        }
      }
      passes.add(grid);
    }
    return new Results(passes, warmup, window);
  }

  static Sample inFreshJvm(String variant, long rate, double warmup, double window,
      PrintStream progress) throws IOException, InterruptedException {
    long limitSeconds = (long) (warmup + window) + MAX_QUIET_WAITS + 120;
    Sample s = ForkedJvm.runFor(Sample.class, CpuAtRate.class, limitSeconds, List.of(variant,
        Long.toString(rate), Double.toString(warmup), Double.toString(window)));
    progress.println(String.format(Locale.ROOT, "# CpuAtRate %-24s %,9d calls/s: %7.3f %% of one core",
        variant, rate, s.percentOfCore()));
    return s;
  }

  static Call call(String variant, Target target) {
    switch (variant) {
      case "baseline":
        return target::call;
      case "breakwater":
        return breakwater(CircuitBreakerConfig.builder("cpu").timeout(Duration.ZERO).build(), target);
      case "breakwater-timeout30s":
        return breakwater(CircuitBreakerConfig.builder("cpu").build(), target);
      case "breakwater-system-ticker":
        return breakwater(CircuitBreakerConfig.builder("cpu").timeout(Duration.ZERO)
            .ticker(Ticker.system()).build(), target);
      case "resilience4j": {
        Supplier<Object> decorated = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(
            io.github.resilience4j.circuitbreaker.CircuitBreaker.ofDefaults("cpu"), target);
        return decorated::get;
      }
      case "failsafe": {
        FailsafeExecutor<Object> executor = Failsafe.with(dev.failsafe.CircuitBreaker.<Object>ofDefaults());
        CheckedSupplier<Object> supplier = target::get;
        return () -> executor.get(supplier);
      }
      default:
        throw new IllegalArgumentException("unknown variant " + variant);
    }
  }

  private static Call breakwater(CircuitBreakerConfig config, Target target) {
    CircuitBreaker breaker = CircuitBreaker.of(config);
    return () -> breaker.execute(target);
  }

  /** Measures {@code variant} at {@code rate} in this JVM. */
  static Sample runHere(String variant, long rate, double warmupSeconds, double windowSeconds)
      throws Exception {
    if (rate < 1 || rate > SECOND) {
      throw new IllegalArgumentException("rate must be 1..1e9 calls/s, was " + rate);
    }
    Target target = new Target();
    Call call = call(variant, target);
    com.sun.management.OperatingSystemMXBean os =
        ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (os.getProcessCpuTime() < 0 || threads.getCurrentThreadCpuTime() < 0) {
      throw new IllegalStateException("this JVM cannot measure CPU time");
    }

    // Compile first: enough calls back to back for the JIT to finish with the call path, so that
    // compilations (which cost a thread several ms of CPU each) fall into the warm-up, not the window.
    for (int i = 0; i < WARM_UP_BURST; i++) {
      call.call();
    }
    long start = System.nanoTime();
    long warmEnd = start + (long) (warmupSeconds * SECOND);
    long end = warmEnd + (long) (windowSeconds * SECOND);
    long done = 0;
    boolean measuring = false;
    long wall0 = 0;
    long cpu0 = 0;
    long caller0 = 0;
    Map<String, Long> tasks0 = Map.of();
    long done0 = 0;
    long compiled = ThreadCpu.compilerCpu();
    int extensions = 0;
    long now;
    for (;;) {
      now = System.nanoTime();
      if (!measuring && now - warmEnd >= 0) {
        // Start the window once the JIT has been quiet for a second (at most a few seconds more).
        long compiledNow = ThreadCpu.compilerCpu();
        if (compiledNow != compiled && extensions < MAX_QUIET_WAITS) {
          compiled = compiledNow;
          extensions++;
          warmEnd += SECOND;
          end += SECOND;
          continue;
        }
        measuring = true;
        wall0 = now;
        tasks0 = ThreadCpu.perTask();
        cpu0 = os.getProcessCpuTime();
        caller0 = threads.getCurrentThreadCpuTime();
        done0 = done;
      }
      if (now - end >= 0) {
        break;
      }
      long elapsed = now - start;
      long due = elapsed * rate / SECOND + 1; // calls due by now, the first one at time 0
      while (done < due) {
        call.call();
        done++;
      }
      long nextCall = start + ceilDiv(done * SECOND, rate);
      long nextMilli = start + (elapsed / MILLI + 1) * MILLI;
      long wake = Math.min(Math.max(nextCall, nextMilli), measuring ? end : warmEnd);
      long wait;
      while ((wait = wake - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
    }
    long cpu1 = os.getProcessCpuTime();
    long caller1 = threads.getCurrentThreadCpuTime();
    Map<String, Long> tasks1 = ThreadCpu.perTask();
    if (target.count != done + WARM_UP_BURST) {
      throw new IllegalStateException(variant + ": " + done + " calls made but " + target.count + " ran");
    }
    double wallSeconds = (now - wall0) / (double) SECOND;
    long precise = ThreadCpu.used(tasks0, tasks1);
    long ticks = cpu1 - cpu0;
    // The kernel's per-thread nanoseconds, rather than whole 10 ms ticks, unless a thread that
    // exited in the window makes the two disagree by more than a few ticks.
    boolean nanos = precise >= 0 && Math.abs(precise - ticks) <= 30_000_000L + ticks / 10;
    long used = nanos ? precise : ticks;
    return new Sample(variant, rate, used / 1e6 / wallSeconds,
        (caller1 - caller0) / 1e6 / wallSeconds, (done - done0) / wallSeconds, warmupSeconds,
        windowSeconds, nanos);
  }

  private static long ceilDiv(long x, long y) {
    return -Math.floorDiv(-x, y);
  }
}
