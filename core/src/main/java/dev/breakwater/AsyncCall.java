package dev.breakwater;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * One asynchronous call through a breaker. Three parties race to end it: the call's own stage,
 * the timeout (it is its own {@link TimeoutEntry}), and the caller cancelling the returned
 * future. The entry's compare-and-set lets exactly one of them record the outcome and complete
 * the result. Thread-safe.
 *
 * @param <T> the call's result type
 */
final class AsyncCall<T> extends TimeoutEntry implements BiConsumer<T, Throwable> {
  private final DefaultCircuitBreaker breaker;
  private final BreakerState state;
  private final long start;
  private final Fallback<T> fallback; // null for none
  private final CompletableFuture<T> result = new CompletableFuture<>();
  private volatile CompletionStage<? extends T> source;

  AsyncCall(DefaultCircuitBreaker breaker, BreakerState state, long start, Fallback<T> fallback) {
    this.breaker = breaker;
    this.state = state;
    this.start = start;
    this.fallback = fallback;
  }

  CompletableFuture<T> start(Supplier<? extends CompletionStage<T>> supplier, long timeoutNanos) {
    if (timeoutNanos > 0) {
      TimeoutWheel.INSTANCE.schedule(this, timeoutNanos);
    }
    result.whenComplete((value, error) -> resultCompleted());
    CompletionStage<T> stage;
    try {
      stage = Objects.requireNonNull(supplier.get(), "executeAsync supplier returned null");
    } catch (Throwable t) {
      accept(null, t);
      return result;
    }
    source = stage;
    if (!isPending()) {
      cancel(stage); // timed out or cancelled while the supplier was still running
    }
    stage.whenComplete(this);
    return result;
  }

  /** The call's stage completed. */
  @Override
  public void accept(T value, Throwable error) {
    if (!finish()) {
      return;
    }
    if (error == null) {
      FailedResultException failure = null;
      try {
        failure = breaker.recordReturned(state, start, value);
      } finally {
        if (failure != null && fallback != null && fallback.coversFailures()) {
          recoverWith(failure);
        } else {
          result.complete(value);
        }
      }
    } else {
      Throwable cause = unwrap(error);
      OutcomeClassifier.Outcome outcome = OutcomeClassifier.Outcome.FAILURE;
      try {
        outcome = breaker.recordThrowable(state, start, cause);
      } finally {
        if (outcome == OutcomeClassifier.Outcome.FAILURE && fallback != null
            && fallback.coversFailures() && !(cause instanceof Error)) {
          recoverWith(cause);
        } else {
          result.completeExceptionally(cause);
        }
      }
    }
  }

  private void recoverWith(Throwable cause) {
    try {
      result.complete(fallback.recover(cause));
    } catch (Throwable t) {
      result.completeExceptionally(t);
    }
  }

  /** The returned future completed; if nobody here completed it, the caller gave up. */
  private void resultCompleted() {
    if (finish()) {
      cancel(source);
      breaker.recordIgnored(state, start, new CancellationException("cancelled by the caller"));
    }
  }

  @Override
  void expire() {
    markExpired();
    try {
      TimeoutWheel.expiryExecutor().execute(this::timedOut);
    } catch (RuntimeException | Error noThread) {
      timedOut(); // the caller must hear of the timeout even if no thread can be started for it
    }
  }

  private void timedOut() {
    CallTimeoutException timeout =
        new CallTimeoutException(breaker.name(), breaker.config().timeout(), null);
    try {
      cancel(source);
      breaker.recordTimeout(state, start, timeout);
    } finally {
      if (fallback != null && fallback.coversFailures()) {
        recoverWith(timeout);
      } else {
        result.completeExceptionally(timeout);
      }
    }
  }

  private static void cancel(CompletionStage<?> stage) {
    if (stage != null) {
      try {
        stage.toCompletableFuture().cancel(true);
      } catch (UnsupportedOperationException e) {
        // A stage that cannot be converted cannot be cancelled either; its outcome is ignored.
      }
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
