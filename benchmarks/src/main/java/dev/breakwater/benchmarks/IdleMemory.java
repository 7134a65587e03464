package dev.breakwater.benchmarks;

import dev.breakwater.CircuitBreakerRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Heap bytes per idle breaker with default settings: 100,000 named breakers held in each
 * library's registry (Failsafe has none, so a ConcurrentHashMap), names allocated beforehand and
 * not counted. Run in a fresh JVM per library: {@code IdleMemory breakwater|resilience4j|failsafe}.
 */
public final class IdleMemory {
  static final int BREAKERS = 100_000;

  private IdleMemory() {}

  public static void main(String[] args) throws Exception {
    String library = args[0];
    String[] names = new String[BREAKERS];
    for (int i = 0; i < BREAKERS; i++) {
      names[i] = "breaker-" + i;
    }
    Object warm = create(library, new String[] {"warm-up-1", "warm-up-2"}); // load classes, start threads
    long before = usedAfterGc();
    Object held = create(library, names);
    long after = usedAfterGc();
    System.out.println((after - before) / (double) BREAKERS);
    java.lang.ref.Reference.reachabilityFence(held);
    java.lang.ref.Reference.reachabilityFence(warm);
    java.lang.ref.Reference.reachabilityFence(names);
  }

  static Object create(String library, String[] names) {
    switch (library) {
      case "breakwater": {
        CircuitBreakerRegistry r = CircuitBreakerRegistry.create();
        for (String n : names) {
          r.breaker(n);
        }
        return r;
      }
      case "resilience4j": {
        io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry r =
            io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry.ofDefaults();
        for (String n : names) {
          r.circuitBreaker(n);
        }
        return r;
      }
      case "failsafe": {
        Map<String, dev.failsafe.CircuitBreaker<Object>> r = new ConcurrentHashMap<>();
        for (String n : names) {
          r.put(n, dev.failsafe.CircuitBreaker.ofDefaults());
        }
        return r;
      }
      default:
        throw new IllegalArgumentException("unknown library " + library);
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100); // let the collector settle; this is a measurement harness, not a test
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
