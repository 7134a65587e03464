package dev.breakwater;

import java.time.Duration;

/** Small helpers that drive a breaker in tests. */
final class Calls {
  private Calls() {}

  /** The exception test calls fail with. */
  static final class Boom extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Boom(String message) {
      super(message);
    }
  }

  static void succeed(CircuitBreaker breaker) throws Exception {
    breaker.execute(() -> "ok");
  }

  static void succeed(CircuitBreaker breaker, TestTicker ticker, Duration took) throws Exception {
    breaker.execute(() -> {
      ticker.advance(took);
      return "ok";
    });
  }

  /** Runs a failing call and swallows its exception (or the rejection). */
  static void fail(CircuitBreaker breaker) {
    try {
      breaker.execute(() -> {
        throw new Boom("boom");
      });
    } catch (Exception expected) {
      // the caller asserts on the breaker, not on the exception
    }
  }

  static void fail(CircuitBreaker breaker, TestTicker ticker, Duration took) {
    try {
      breaker.execute(() -> {
        ticker.advance(took);
        throw new Boom("boom");
      });
    } catch (Exception expected) {
      // the caller asserts on the breaker, not on the exception
    }
  }

  static void failTimes(CircuitBreaker breaker, int times) {
    for (int i = 0; i < times; i++) {
      fail(breaker);
    }
  }
}
