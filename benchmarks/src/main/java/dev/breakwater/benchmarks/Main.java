package dev.breakwater.benchmarks;

import dev.breakwater.newrelic.EventEncodingBenchmark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark in one go and writes {@code docs/PERFORMANCE.md}: the call benchmarks at 1
 * and 2 threads with the GC profiler, the event encoding benchmark, and idle memory per breaker,
 * then the ratios to each peer against the targets; then many threads on one breaker,
 * whole-process CPU at fixed call rates and timeout lateness under CPU load.
 *
 * <p>Usage: {@code java -jar benchmarks.jar [report <file>] [--quick]}; without arguments it runs
 * JMH's own command line.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !args[0].equals("report")) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    Path out = Path.of(args.length > 1 ? args[1] : "docs/PERFORMANCE.md");
    boolean quick = List.of(args).contains("--quick");
    String command = System.getProperty("breakwater.command", "benchmarks/run.sh");

    Map<String, Measured> calls1 = runCalls(1, quick);
    Map<String, Measured> calls2 = runCalls(2, quick);
    Map<String, Measured> encoding = runEncoding(quick);
    EventEncodingBenchmark sizes = new EventEncodingBenchmark();
    sizes.setUp();
    int bwBytes = sizes.breakwaterBytes().length;
    int sdkBytes = sizes.telemetrySdkBytes().length;
    int[] levels = sizes.sizesByLevel();
    int[] bwLevels = sizes.breakwaterSizesByLevel();
    Map<String, Double> memory = new TreeMap<>();
    for (String library : List.of("breakwater", "resilience4j", "failsafe")) {
      memory.put(library, IdleMemoryProcess.measure(library));
    }
    Map<Integer, Map<String, Measured>> manyThreads = new TreeMap<>();
    for (int threads : ManyThreadsBenchmark.THREADS) {
      manyThreads.put(threads, runManyThreads(threads, quick));
    }
    Map<String, Map<String, Measured>> integrations = new java.util.LinkedHashMap<>();
    for (Class<?> benchmark : Integrations.BENCHMARKS) {
      integrations.put(benchmark.getSimpleName(), runIntegration(benchmark, quick));
    }
    CpuAtRate.Results cpu = CpuAtRate.runAll(quick, System.out);
    TimeoutLateness.Results lateness = TimeoutLateness.inFreshJvm(quick);
    String report = new ReportWriter(command, LocalDate.now().toString(), calls1, calls2, encoding,
        bwBytes, sdkBytes, levels, bwLevels, memory, manyThreads, cpu, lateness, integrations).write();
    Files.writeString(out, report, StandardCharsets.UTF_8);
    System.out.println(report);
  }

  /** One benchmark's score, error and allocation. */
  record Measured(double score, double error, double bytesPerOp) {}

  private static ChainedOptionsBuilder base(boolean quick) {
    return new OptionsBuilder()
        .forks(1)
        .warmupIterations(quick ? 1 : 4)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(quick ? 1 : 5)
        .measurementTime(TimeValue.seconds(quick ? 1 : 2))
        .jvmArgsAppend("-Xmx1g")
        .shouldFailOnError(true);
  }

  private static Map<String, Measured> runCalls(int threads, boolean quick) throws RunnerException {
    return collect(new Runner(base(quick)
        .include(CallBenchmark.class.getName() + "\\.")
        .threads(threads)
        .addProfiler("gc")
        .build()).run());
  }

  /**
   * Few, longer iterations: with 200 threads on 2 cores, starting and stopping each iteration's
   * threads takes JMH some 20 s. The quick run warms up too: a first iteration on cold code
   * measured Breakwater's counters at 9.6 ops/µs and the next ones at 218 (LongAdders: 28, then
   * 110), as the VarHandle accesses run interpreted until compiled.
   */
  private static Map<String, Measured> runManyThreads(int threads, boolean quick)
      throws RunnerException {
    return collect(new Runner(new OptionsBuilder()
        .forks(1)
        .warmupIterations(1)
        .warmupTime(TimeValue.seconds(2))
        .measurementIterations(quick ? 1 : 4)
        .measurementTime(TimeValue.seconds(2))
        .jvmArgsAppend("-Xmx1g")
        .shouldFailOnError(true)
        .include(ManyThreadsBenchmark.class.getName() + "\\.")
        .threads(threads)
        .build()).run());
  }

  private static Map<String, Measured> runIntegration(Class<?> benchmark, boolean quick)
      throws RunnerException {
    return collect(new Runner(base(quick)
        .include(benchmark.getName() + "\\.")
        .threads(1)
        .addProfiler("gc")
        .build()).run());
  }

  private static Map<String, Measured> runEncoding(boolean quick) throws RunnerException {
    return collect(new Runner(base(quick)
        .include(EventEncodingBenchmark.class.getName() + "\\.")
        .threads(1)
        .build()).run());
  }

  private static Map<String, Measured> collect(Collection<RunResult> results) {
    Map<String, Measured> measured = new TreeMap<>();
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark();
      label = label.substring(label.lastIndexOf('.') + 1);
      for (String key : r.getParams().getParamsKeys()) {
        label += " " + key + "=" + r.getParams().getParam(key);
      }
      Result<?> primary = r.getPrimaryResult();
      Result<?> alloc = r.getSecondaryResults().get("·gc.alloc.rate.norm");
      if (alloc == null) {
        alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
      }
      measured.put(label, new Measured(primary.getScore(), primary.getScoreError(),
          alloc == null ? Double.NaN : alloc.getScore()));
    }
    return measured;
  }

  /** Runs {@link IdleMemory} in a fresh JVM, so libraries do not share a heap. */
  static final class IdleMemoryProcess {
    private IdleMemoryProcess() {}

    static double measure(String library) throws IOException, InterruptedException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(java, "-Xmx2g", "-XX:+UseSerialGC", "-cp",
          System.getProperty("java.class.path"), IdleMemory.class.getName(), library));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor() != 0) {
        throw new IOException("IdleMemory " + library + " failed: " + output);
      }
      String[] lines = output.split("\\R");
      return Double.parseDouble(lines[lines.length - 1]);
    }
  }
}
