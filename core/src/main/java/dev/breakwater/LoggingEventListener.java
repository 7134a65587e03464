package dev.breakwater;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes a breaker's events to a {@link System.Logger}, in the design guide's words: an opening
 * at WARNING, a closing at INFO, each failure at WARNING, each success at DEBUG. A success costs
 * no formatting unless DEBUG is enabled. Thread-safe.
 *
 * <pre>{@code
 * breaker.onEvent(LoggingEventListener.create());
 * }</pre>
 */
public final class LoggingEventListener implements Consumer<CircuitBreakerEvent> {
  private final Logger logger;

  private LoggingEventListener(Logger logger) {
    this.logger = logger;
  }

  /**
   * Creates a listener that logs to the {@code dev.breakwater.CircuitBreaker} logger.
   *
   * @return a new listener
   */
  public static LoggingEventListener create() {
    return create(System.getLogger("dev.breakwater.CircuitBreaker"));
  }

  /**
   * Creates a listener that logs to {@code logger}.
   *
   * @param logger where the events are written
   * @return a new listener
   * @throws NullPointerException if {@code logger} is null
   */
  public static LoggingEventListener create(Logger logger) {
    return new LoggingEventListener(Objects.requireNonNull(logger, "logger"));
  }

  @Override
  public void accept(CircuitBreakerEvent event) {
    if (event instanceof CircuitBreakerEvent.Success) {
      if (logger.isLoggable(Level.DEBUG)) {
        CircuitBreakerEvent.Success e = (CircuitBreakerEvent.Success) event;
        logger.log(Level.DEBUG, "{0} call succeeded in {1}ms", e.breakerName(), e.elapsed().toMillis());
      }
    } else if (event instanceof CircuitBreakerEvent.Failure) {
      CircuitBreakerEvent.Failure e = (CircuitBreakerEvent.Failure) event;
      logger.log(Level.WARNING, "{0} call failed: {1}", e.breakerName(), describe(e.error()));
    } else if (event instanceof CircuitBreakerEvent.Timeout) {
      CircuitBreakerEvent.Timeout e = (CircuitBreakerEvent.Timeout) event;
      logger.log(Level.WARNING, "{0} call failed: {1}", e.breakerName(), describe(e.error()));
    } else if (event instanceof CircuitBreakerEvent.StateChanged) {
      stateChanged((CircuitBreakerEvent.StateChanged) event);
    } else if (event instanceof CircuitBreakerEvent.Reset) {
      logger.log(Level.INFO, "Circuit breaker ''{0}'' reset", event.breakerName());
    } else if (logger.isLoggable(Level.DEBUG)) {
      logger.log(Level.DEBUG, "{0}", event);
    }
  }

  private void stateChanged(CircuitBreakerEvent.StateChanged e) {
    switch (e.to()) {
      case OPEN:
      case FORCED_OPEN:
        logger.log(Level.WARNING, "Circuit breaker ''{0}'' opened ({1})", e.breakerName(), e.reason());
        break;
      case CLOSED:
        logger.log(Level.INFO, "Circuit breaker ''{0}'' closed ({1})", e.breakerName(), e.reason());
        break;
      case HALF_OPEN:
        logger.log(Level.INFO, "Circuit breaker ''{0}'' half-open: trying calls ({1})",
            e.breakerName(), e.reason());
        break;
      default:
        logger.log(Level.INFO, "Circuit breaker ''{0}'' {1} ({2})", e.breakerName(),
            e.to(), e.reason());
    }
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null ? t.getClass().getName() : message;
  }
}
