package dev.breakwater.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of every thread of this process to the nanosecond, from Linux's
 * {@code /proc/self/task/<tid>/schedstat} (its first field is the time the thread spent on a CPU),
 * where {@code getProcessCpuTime} counts whole 10 ms ticks. A thread that exits between two
 * readings is lost, so {@link CpuAtRate} forks with a fixed number of compiler threads and keeps
 * the tick-based figure when the two disagree by more than a few ticks.
 */
final class ThreadCpu {
  private static final Path TASKS = Path.of("/proc/self/task");

  private ThreadCpu() {}

  /** Nanoseconds on a CPU per thread id; empty where the kernel does not say. */
  static Map<String, Long> perTask() {
    return perTask(false);
  }

  /** CPU time of the JIT compiler threads so far, ns; 0 where the kernel does not say. */
  static long compilerCpu() {
    long total = 0;
    for (long nanos : perTask(true).values()) {
      total += nanos;
    }
    return total;
  }

  private static Map<String, Long> perTask(boolean compilersOnly) {
    Map<String, Long> cpu = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        try {
          if (!compilersOnly || Files.readString(task.resolve("comm")).contains("Compiler")) {
            cpu.put(task.getFileName().toString(), onCpuNanos(task));
          }
        } catch (IOException | RuntimeException e) {
          // the thread exited while we listed the others; it counts as absent
        }
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return cpu;
  }

  /**
   * CPU used between two readings by the threads alive at the second (a thread born in between
   * counts from zero); -1 if either reading is empty.
   */
  static long used(Map<String, Long> before, Map<String, Long> after) {
    if (before.isEmpty() || after.isEmpty()) {
      return -1;
    }
    long total = 0;
    for (Map.Entry<String, Long> e : after.entrySet()) {
      total += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    return total;
  }

  /** The first field of a thread's {@code schedstat}: nanoseconds it spent on a CPU. */
  private static long onCpuNanos(Path task) throws IOException {
    String line = Files.readString(task.resolve("schedstat")).trim();
    return Long.parseLong(line.substring(0, line.indexOf(' ')));
  }
}
