package dev.breakwater;

import java.util.Objects;
import java.util.function.Function;

/**
 * What a protected call answers instead of failing. Two kinds, chosen by the factory:
 *
 * <ul>
 *   <li>{@link #onNotPermitted}: only when the breaker refused the call
 *       ({@link CallNotPermittedException}); the call's own exceptions propagate unchanged.
 *   <li>{@link #onFailure}: when the breaker refused the call, and when the call was recorded as
 *       a failure: it threw an exception that counts as a failure, timed out
 *       ({@link CallTimeoutException}), or returned a value that
 *       {@link CircuitBreakerConfig.Builder#recordResult recordResult} counts as a failure (the
 *       cause is then a {@link FailedResultException} holding the value).
 * </ul>
 *
 * <p>Never applied, whatever the kind: to an exception the config ignores or does not count as
 * a failure (it propagates, as the caller's own business), and to an {@link Error}. The fallback
 * runs on the thread that learned the outcome, after the outcome has been recorded; if it
 * throws, that exception reaches the caller with the original cause attached as suppressed.
 *
 * <pre>{@code
 * Stock stock = breaker.call(() -> inventory.stockFor(sku),
 *     Fallback.onNotPermitted(rejected -> Stock.unknown(sku)));
 * }</pre>
 *
 * <p>Immutable and thread-safe when its function is.
 *
 * @param <T> the type of the value the fallback supplies
 */
public final class Fallback<T> {
  private final boolean onFailure;
  private final Function<Throwable, ? extends T> function;

  private Fallback(boolean onFailure, Function<Throwable, ? extends T> function) {
    this.onFailure = onFailure;
    this.function = function;
  }

  /**
   * A fallback for calls the breaker refused (OPEN, FORCED_OPEN, or HALF_OPEN with every trial
   * slot taken); failures of calls that ran reach the caller unchanged.
   *
   * @param function computes the value from the rejection
   * @param <T> the type of the value the fallback supplies
   * @return the fallback
   * @throws NullPointerException if {@code function} is null
   */
  public static <T> Fallback<T> onNotPermitted(
      Function<? super CallNotPermittedException, ? extends T> function) {
    Objects.requireNonNull(function, "function");
    return new Fallback<>(false, t -> function.apply((CallNotPermittedException) t));
  }

  /**
   * A fallback for calls refused by the breaker and calls recorded as failures (exceptions that
   * count as failures, timeouts, and results that count as failures).
   *
   * @param function computes the value from the cause: a {@link CallNotPermittedException}, a
   *     {@link CallTimeoutException}, a {@link FailedResultException}, or the call's exception
   * @param <T> the type of the value the fallback supplies
   * @return the fallback
   * @throws NullPointerException if {@code function} is null
   */
  public static <T> Fallback<T> onFailure(Function<? super Throwable, ? extends T> function) {
    Objects.requireNonNull(function, "function");
    return new Fallback<>(true, function::apply);
  }

  /** Whether this fallback answers for a call that ran and was recorded as a failure. */
  boolean coversFailures() {
    return onFailure;
  }

  /**
   * Computes the fallback value for {@code cause}. An exception of the function itself reaches
   * the caller with {@code cause} attached as suppressed.
   */
  T recover(Throwable cause) {
    try {
      return function.apply(cause);
    } catch (RuntimeException | Error e) {
      if (e != cause) {
        e.addSuppressed(cause);
      }
      throw e;
    }
  }

  @Override
  public String toString() {
    return onFailure ? "Fallback.onFailure" : "Fallback.onNotPermitted";
  }
}
