package dev.breakwater.console;

import dev.breakwater.CallNotPermittedException;
import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.CircuitState;
import dev.breakwater.testkit.ManualTicker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fifty breakers in every state, with steady synthetic traffic, for the page tests: "payments"
 * OPEN, "search" HALF_OPEN, "ledger" FORCED_OPEN, "legacy" DISABLED, "inventory" CLOSED with 40 %
 * failures, a breaker whose name is an HTML injection attempt, and 44 healthy services. Each
 * breaker has its own manual ticker, advanced inside its calls to give them a latency, so no
 * state changes on its own. Thread-safe.
 */
final class Fleet implements AutoCloseable {
  static final String ODD_NAME = "<script>alert(\"x\")</script> 'quoted' & \"name\"";
  static final int SIZE = 50;

  final CircuitBreakerRegistry registry = CircuitBreakerRegistry.create();
  private final Map<String, ManualTicker> tickers = new ConcurrentHashMap<>();
  private final ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "fleet-traffic");
    thread.setDaemon(true);
    return thread;
  });
  private long round;

  Fleet() {
    CircuitBreaker payments = breaker("payments", 3);
    for (int i = 0; i < 3; i++) {
      fail(payments);
    }
    CircuitBreaker search = breaker("search", 3);
    for (int i = 0; i < 3; i++) {
      fail(search);
    }
    tickers.get("search").advance(Duration.ofSeconds(6));
    if (search.state() != CircuitState.HALF_OPEN) {
      throw new IllegalStateException("search should be half-open, is " + search.state());
    }
    breaker("ledger", 1_000_000).forceOpen();
    breaker("legacy", 1_000_000).disable();
    breaker("inventory", 1_000_000);
    breaker(ODD_NAME, 1_000_000);
    for (int i = 1; registry.all().size() < SIZE; i++) {
      breaker(String.format("svc-%02d", i), 1_000_000);
    }
  }

  CircuitBreaker breaker(String name) {
    return registry.find(name).orElseThrow();
  }

  /** Starts calling every breaker (but the half-open one) each 20 ms. */
  Fleet startTraffic() {
    traffic.scheduleAtFixedRate(this::round, 0, 20, TimeUnit.MILLISECONDS);
    return this;
  }

  private void round() {
    round++;
    for (CircuitBreaker breaker : registry.all()) {
      String name = breaker.name();
      if (name.equals("search")) {
        continue; // a trial call would close it
      }
      int weight = Math.floorMod(name.hashCode(), 7) + 1;
      for (int call = 0; call < weight; call++) {
        long n = round * 8 + call;
        boolean failing = name.equals("inventory") ? n % 5 == 1 || n % 5 == 3
            : name.endsWith("3") ? n % 12 == 0 : false;
        long latency = 2 + Math.floorMod(name.hashCode(), 60) + (n * 7919) % 25;
        ManualTicker ticker = tickers.computeIfAbsent(name, k -> ManualTicker.create());
        try {
          breaker.call(() -> {
            ticker.advance(Duration.ofMillis(latency));
            if (failing) {
              throw new IllegalStateException("upstream said 503");
            }
            return "ok";
          });
        } catch (CallNotPermittedException | IllegalStateException expected) {
          // rejected or failed: both are what the page shows
        }
      }
    }
  }

  private CircuitBreaker breaker(String name, int failureThreshold) {
    ManualTicker ticker = tickers.computeIfAbsent(name, k -> ManualTicker.create());
    return registry.breaker(CircuitBreakerConfig.builder(name).ticker(ticker)
        .timeout(Duration.ZERO).failureThreshold(failureThreshold).build());
  }

  private static void fail(CircuitBreaker breaker) {
    try {
      breaker.call(() -> {
        throw new IllegalStateException("connection refused");
      });
    } catch (IllegalStateException expected) {
      // counted as a failure
    }
  }

  @Override
  public void close() {
    traffic.shutdownNow();
    try {
      traffic.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
