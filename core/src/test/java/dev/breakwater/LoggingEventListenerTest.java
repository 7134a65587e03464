package dev.breakwater;

import static dev.breakwater.Calls.failTimes;
import static dev.breakwater.Calls.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class LoggingEventListenerTest {
  private final TestTicker ticker = new TestTicker();
  private final CircuitBreaker breaker = CircuitBreaker.of(CircuitBreakerConfig.builder("inventory")
      .failureThreshold(2).successThreshold(1).timeout(Duration.ZERO).ticker(ticker).build());

  @Test
  void logsTheGuidesLinesAtTheGuidesLevels() throws Exception {
    CapturingLogger log = new CapturingLogger(Level.DEBUG);
    breaker.onEvent(LoggingEventListener.create(log));
    succeed(breaker);
    failTimes(breaker, 2);
    ticker.advance(Duration.ofSeconds(5));
    succeed(breaker);
    assertThat(log.lines).containsExactly(
        "DEBUG inventory call succeeded in 0ms",
        "WARNING inventory call failed: boom",
        "WARNING inventory call failed: boom",
        "WARNING Circuit breaker 'inventory' opened (2 consecutive failures)",
        "INFO Circuit breaker 'inventory' half-open: trying calls (retry delay 5 s passed)",
        "DEBUG inventory call succeeded in 0ms",
        "INFO Circuit breaker 'inventory' closed (trial call succeeded)");
  }

  @Test
  void successesCostNothingWhenDebugIsOff() throws Exception {
    CapturingLogger log = new CapturingLogger(Level.INFO);
    breaker.onEvent(LoggingEventListener.create(log));
    for (int i = 0; i < 100; i++) {
      succeed(breaker);
    }
    assertThat(log.lines).isEmpty();
    assertThat(log.formatted).isZero();
  }

  /** A System.Logger that records formatted lines and counts formatting. */
  static final class CapturingLogger implements System.Logger {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final Level threshold;
    int formatted;

    CapturingLogger(Level threshold) {
      this.threshold = threshold;
    }

    @Override
    public String getName() {
      return "capture";
    }

    @Override
    public boolean isLoggable(Level level) {
      return level.getSeverity() >= threshold.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      if (isLoggable(level)) {
        lines.add(level + " " + msg);
      }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      if (isLoggable(level)) {
        formatted++;
        lines.add(level + " " + java.text.MessageFormat.format(format, params));
      }
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
      if (isLoggable(level)) {
        lines.add(level + " " + msgSupplier.get());
      }
    }
  }
}
