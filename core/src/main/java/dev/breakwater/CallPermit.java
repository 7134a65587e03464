package dev.breakwater;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/** A {@link Permit} from {@link DefaultCircuitBreaker#tryAcquire()}. Thread-safe. */
final class CallPermit implements Permit {
  private static final VarHandle ENDED;

  static {
    try {
      ENDED = MethodHandles.lookup().findVarHandle(CallPermit.class, "ended", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final DefaultCircuitBreaker breaker;
  private final BreakerState state;
  private final long start;
  @SuppressWarnings("unused") // accessed through ENDED
  private volatile boolean ended;

  CallPermit(DefaultCircuitBreaker breaker, BreakerState state, long start) {
    this.breaker = breaker;
    this.state = state;
    this.start = start;
  }

  @Override
  public void onSuccess() {
    end("onSuccess()");
    breaker.recordSuccess(state, start);
  }

  @Override
  public void onResult(Object result) {
    end("onResult()");
    breaker.recordReturned(state, start, result);
  }

  @Override
  public void onFailure(Throwable error) {
    Objects.requireNonNull(error, "error");
    end("onFailure()");
    breaker.recordThrowable(state, start, error);
  }

  @Override
  public void release() {
    end("release()");
    breaker.recordIgnored(state, start, null);
  }

  private void end(String method) {
    if (!ENDED.compareAndSet(this, false, true)) {
      throw new IllegalStateException("permit of CircuitBreaker '" + breaker.name()
          + "' was already ended; " + method + " ignored: end each permit exactly once");
    }
  }

  @Override
  public String toString() {
    return "Permit{breaker=" + breaker.name() + ", state=" + state.state()
        + (ended ? ", ended" : "") + "}";
  }
}
