package dev.breakwater;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A circuit breaker: it lets calls to a dependency through while the dependency is healthy,
 * refuses them fast while it is failing, and probes it with a few trial calls before letting
 * traffic flow again.
 *
 * <pre>{@code
 * CircuitBreaker breaker = CircuitBreaker.of(CircuitBreakerConfig.builder("inventory").build());
 * Stock stock = breaker.execute(() -> inventory.stockFor(sku));
 * }</pre>
 *
 * <p>Every call ends in exactly one outcome, on every path: success, failure (a timeout is a
 * failure too) or ignored, or it is rejected before it starts. Outcomes that arrive after the
 * breaker has moved to a new state are counted in the statistics but never change the new state.
 *
 * <p>Implementations are thread-safe. The success path takes no lock and allocates nothing.
 */
public interface CircuitBreaker {

  /**
   * Creates a breaker. Most applications get breakers from a {@link CircuitBreakerRegistry}, so
   * that reporters find them; a breaker made here stands alone.
   *
   * @param config the configuration
   * @return a new breaker in state {@link CircuitState#CLOSED}
   * @throws NullPointerException if {@code config} is null
   */
  static CircuitBreaker of(CircuitBreakerConfig config) {
    return new DefaultCircuitBreaker(config);
  }

  /**
   * Returns the breaker's name.
   *
   * @return the breaker's name
   */
  String name();

  /**
   * Returns the breaker's configuration.
   *
   * @return the breaker's configuration
   */
  CircuitBreakerConfig config();

  /**
   * Runs {@code callable} through the breaker on the calling thread. With a {@code timeout}
   * configured, the thread is interrupted at the deadline and the call ends in a
   * {@link CallTimeoutException}; a call that ignores interrupts cannot be stopped early.
   *
   * @param callable the call to protect
   * @param <T> the call's result type
   * @return what {@code callable} returned
   * @throws CallNotPermittedException if the breaker refuses the call
   * @throws CallTimeoutException if the call did not finish within the timeout
   * @throws Exception whatever {@code callable} threw, unchanged
   */
  <T> T execute(Callable<T> callable) throws Exception;

  /**
   * Starts an asynchronous call through the breaker. The returned future completes with the
   * stage's result or exception; with {@link CallNotPermittedException} if the breaker refuses
   * the call (the supplier is then not invoked); or with {@link CallTimeoutException} at the
   * deadline, after the stage has been cancelled and the timeout recorded. Cancelling the
   * returned future cancels the stage and releases the call's permit without an outcome.
   *
   * <p>On a timeout, the returned future is completed on a Breakwater timeout thread; attach
   * blocking work with the {@code *Async} methods.
   *
   * @param supplier starts the call and returns its stage; invoked on the calling thread
   * @param <T> the call's result type
   * @return a future for the call's outcome; never null
   * @throws NullPointerException if {@code supplier} is null
   */
  <T> CompletableFuture<T> executeAsync(Supplier<? extends CompletionStage<T>> supplier);

  /**
   * Asks for permission to make one call, for clients that have their own call shape. The
   * caller must end every permit it gets exactly once with {@link Permit#onSuccess()},
   * {@link Permit#onFailure(Throwable)} or {@link Permit#release()}; a permit that is never ended
   * holds a half-open trial slot forever.
   *
   * @return a permit, or empty if the breaker refuses the call (counted as a rejection)
   */
  Optional<Permit> tryAcquire();

  /**
   * Returns the current state. An OPEN circuit whose retry delay has passed is reported (and
   * becomes) HALF_OPEN.
   *
   * @return the current state
   */
  CircuitState state();

  /**
   * Returns an immutable snapshot of the breaker's statistics.
   *
   * @return a snapshot of the statistics
   */
  CircuitBreakerStats stats();

  /**
   * Returns the breaker to CLOSED: forgets consecutive failures, trial progress, backoff and the
   * window's contents. Lifetime totals are kept. Calls in flight end normally but can no longer
   * change the state.
   */
  void reset();

  /** Moves the breaker to {@link CircuitState#FORCED_OPEN} until {@link #reset()}. */
  void forceOpen();

  /** Moves the breaker to {@link CircuitState#DISABLED} until {@link #reset()}. */
  void disable();

  /**
   * Subscribes a listener to the breaker's events. Listeners run synchronously on the thread that
   * records the outcome, before {@code execute} returns or the returned future completes; keep
   * them fast. A listener that throws is logged and never disturbs the call.
   *
   * @param listener receives every event from now on
   * @return a handle whose {@code close()} unsubscribes the listener; closing twice is harmless
   * @throws NullPointerException if {@code listener} is null
   */
  AutoCloseable onEvent(Consumer<? super CircuitBreakerEvent> listener);
}
