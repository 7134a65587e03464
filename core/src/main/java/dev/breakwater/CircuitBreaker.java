package dev.breakwater;

import java.time.Duration;
import java.util.Objects;
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
 * Stock stock = breaker.call(() -> inventory.stockFor(sku));
 * Stock orUnknown = breaker.call(() -> inventory.stockFor(sku),
 *     Fallback.onNotPermitted(rejected -> Stock.unknown(sku)));
 * }</pre>
 *
 * <p>The call shapes: {@link #call(Supplier)} and {@link #run(Runnable)} for code that throws no
 * checked exception, {@link #execute(Callable)} for code that does, {@link #executeAsync} for
 * asynchronous calls, {@link #tryAcquire()} for clients with a call shape of their own, and the
 * {@code decorate} methods to pass a protected call around. Each sync and async shape takes an
 * optional {@link Fallback}.
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
   * {@link CallTimeoutException}; a call that ignores interrupts cannot be stopped early. The
   * interrupt the deadline caused is cleared when the call ends; one that was set before the call,
   * or that the deadline of an enclosing call (a protected call inside another one, on this or any
   * breaker) caused meanwhile, is set again, so nested calls each keep their own deadline.
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
   * Like {@link #execute(Callable)}, answering with {@code fallback} instead of failing where the
   * fallback applies (see {@link Fallback}).
   *
   * @param callable the call to protect
   * @param fallback what to answer when the call is refused (or, for
   *     {@link Fallback#onFailure}, fails)
   * @param <T> the call's result type
   * @return what {@code callable} or the fallback returned
   * @throws CallNotPermittedException never: a refused call always takes the fallback
   * @throws Exception whatever {@code callable} threw, when the fallback does not apply; or what
   *     the fallback threw
   */
  <T> T execute(Callable<T> callable, Fallback<T> fallback) throws Exception;

  /**
   * Runs {@code supplier} through the breaker on the calling thread, like
   * {@link #execute(Callable)} for code that throws no checked exception.
   *
   * @param supplier the call to protect
   * @param <T> the call's result type
   * @return what {@code supplier} returned
   * @throws CallNotPermittedException if the breaker refuses the call
   * @throws CallTimeoutException if the call did not finish within the timeout
   * @throws RuntimeException whatever {@code supplier} threw, unchanged
   * @throws NullPointerException if {@code supplier} is null
   */
  <T> T call(Supplier<T> supplier);

  /**
   * Like {@link #call(Supplier)}, answering with {@code fallback} instead of failing where the
   * fallback applies (see {@link Fallback}).
   *
   * <pre>{@code
   * Price price = breaker.call(() -> pricing.priceOf(sku),
   *     Fallback.onFailure(cause -> Price.listPrice(sku)));
   * }</pre>
   *
   * @param supplier the call to protect
   * @param fallback what to answer when the call is refused (or, for
   *     {@link Fallback#onFailure}, fails)
   * @param <T> the call's result type
   * @return what {@code supplier} or the fallback returned
   * @throws RuntimeException whatever {@code supplier} threw, when the fallback does not apply;
   *     or what the fallback threw
   * @throws NullPointerException if an argument is null
   */
  <T> T call(Supplier<T> supplier, Fallback<T> fallback);

  /**
   * Runs {@code runnable} through the breaker on the calling thread, like
   * {@link #call(Supplier)} for code that returns nothing.
   *
   * @param runnable the call to protect
   * @throws CallNotPermittedException if the breaker refuses the call
   * @throws CallTimeoutException if the call did not finish within the timeout
   * @throws RuntimeException whatever {@code runnable} threw, unchanged
   * @throws NullPointerException if {@code runnable} is null
   */
  void run(Runnable runnable);

  /**
   * Returns a supplier that runs {@code supplier} through this breaker on every {@code get()}.
   *
   * @param supplier the call to protect
   * @param <T> the call's result type
   * @return the protected supplier
   * @throws NullPointerException if {@code supplier} is null
   */
  default <T> Supplier<T> decorate(Supplier<T> supplier) {
    Objects.requireNonNull(supplier, "supplier");
    return () -> call(supplier);
  }

  /**
   * Returns a supplier that runs {@code supplier} through this breaker with {@code fallback} on
   * every {@code get()}.
   *
   * @param supplier the call to protect
   * @param fallback what to answer where it applies
   * @param <T> the call's result type
   * @return the protected supplier
   * @throws NullPointerException if an argument is null
   */
  default <T> Supplier<T> decorate(Supplier<T> supplier, Fallback<T> fallback) {
    Objects.requireNonNull(supplier, "supplier");
    Objects.requireNonNull(fallback, "fallback");
    return () -> call(supplier, fallback);
  }

  /**
   * Returns a runnable that runs {@code runnable} through this breaker on every {@code run()}.
   *
   * @param runnable the call to protect
   * @return the protected runnable
   * @throws NullPointerException if {@code runnable} is null
   */
  default Runnable decorate(Runnable runnable) {
    Objects.requireNonNull(runnable, "runnable");
    return () -> run(runnable);
  }

  /**
   * Returns a callable that runs {@code callable} through this breaker on every {@code call()}.
   *
   * @param callable the call to protect
   * @param <T> the call's result type
   * @return the protected callable
   * @throws NullPointerException if {@code callable} is null
   */
  default <T> Callable<T> decorateCallable(Callable<T> callable) {
    Objects.requireNonNull(callable, "callable");
    return () -> execute(callable);
  }

  /**
   * Returns a supplier that starts {@code supplier}'s asynchronous call through this breaker on
   * every {@code get()}, as {@link #executeAsync(Supplier)} does.
   *
   * @param supplier starts the call and returns its stage
   * @param <T> the call's result type
   * @return the protected supplier of futures
   * @throws NullPointerException if {@code supplier} is null
   */
  default <T> Supplier<CompletableFuture<T>> decorateAsync(
      Supplier<? extends CompletionStage<T>> supplier) {
    Objects.requireNonNull(supplier, "supplier");
    return () -> executeAsync(supplier);
  }

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
   * Like {@link #executeAsync(Supplier)}, completing the returned future with {@code fallback}'s
   * value instead of failing where the fallback applies (see {@link Fallback}); the fallback runs
   * on the thread that completes the future. If the fallback throws, the future completes with
   * that exception.
   *
   * @param supplier starts the call and returns its stage; invoked on the calling thread
   * @param fallback what to answer when the call is refused (or, for
   *     {@link Fallback#onFailure}, fails)
   * @param <T> the call's result type
   * @return a future for the call's or the fallback's outcome; never null
   * @throws NullPointerException if an argument is null
   */
  <T> CompletableFuture<T> executeAsync(Supplier<? extends CompletionStage<T>> supplier,
      Fallback<T> fallback);

  /**
   * Asks for permission to make one call, for clients that have their own call shape. The
   * caller must end every permit it gets exactly once with {@link Permit#onSuccess()},
   * {@link Permit#onResult(Object)}, {@link Permit#onFailure(Throwable)} or
   * {@link Permit#release()}, on every path (see {@link Permit} for the safe shape). A permit
   * that is never ended holds a half-open trial slot until the round is abandoned after
   * {@link CircuitBreakerConfig#maxHalfOpenWait()}, or until {@link #reset()}.
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
   * window's contents, and frees every half-open trial slot. Lifetime totals are kept. Calls in
   * flight end normally; their outcomes count in the lifetime totals but can no longer change
   * the state or the new window.
   */
  void reset();

  /**
   * Like {@link #reset()}, naming why in the {@link CircuitBreakerEvent.StateChanged} event, for
   * tools that reset breakers on someone's behalf (an operator, a fleet coordinator).
   *
   * @param reason why the breaker is reset, in words; shown in the state-change event
   * @throws NullPointerException if {@code reason} is null
   */
  void reset(String reason);

  /**
   * Opens the circuit now, as if it had just tripped, with {@code delay} before the first trial
   * calls instead of the configured retry delay; backoff starts afresh. For coordination from
   * outside the call path: an instance that restarts while its dependency is known to be down, or
   * a fleet that has seen the dependency fail elsewhere. Does nothing while the breaker is
   * FORCED_OPEN or DISABLED: those are an operator's decisions.
   *
   * @param delay how long to stay OPEN before trial calls; zero lets trials through at once
   * @param reason why, in words; shown in the state-change event
   * @throws IllegalArgumentException if {@code delay} is negative
   * @throws NullPointerException if an argument is null
   */
  void openFor(Duration delay, String reason);

  /**
   * Moves the breaker to {@link CircuitState#FORCED_OPEN} until {@link #reset()}, freeing every
   * half-open trial slot.
   */
  void forceOpen();

  /**
   * Like {@link #forceOpen()}, naming why in the {@link CircuitBreakerEvent.StateChanged} event.
   *
   * @param reason why the breaker is forced open, in words; shown in the state-change event
   * @throws NullPointerException if {@code reason} is null
   */
  void forceOpen(String reason);

  /**
   * Moves the breaker to {@link CircuitState#DISABLED} until {@link #reset()}, freeing every
   * half-open trial slot.
   */
  void disable();

  /**
   * Like {@link #disable()}, naming why in the {@link CircuitBreakerEvent.StateChanged} event.
   *
   * @param reason why the breaker is disabled, in words; shown in the state-change event
   * @throws NullPointerException if {@code reason} is null
   */
  void disable(String reason);

  /**
   * Subscribes a listener to the breaker's events. Listeners run synchronously on the thread that
   * records the outcome, before {@code execute} returns or the returned future completes; keep
   * them fast. A listener that throws is logged and never disturbs the call.
   *
   * @param listener receives every event from now on
   * @return a subscription whose {@code close()} unsubscribes the listener; closing twice is
   *     harmless
   * @throws NullPointerException if {@code listener} is null
   */
  Subscription onEvent(Consumer<? super CircuitBreakerEvent> listener);

  /**
   * Subscribes a listener to one kind of event, for example every failure:
   * {@code breaker.onEvent(CircuitBreakerEvent.Failure.class, f -> log(f.error()))}. The breaker
   * builds an event only if some listener wants its kind, so listeners for failures, rejections
   * or state changes cost a successful call nothing, where an {@link #onEvent(Consumer)} listener
   * makes every call build its event. Subscribe once per kind to follow several. Listeners run as
   * described at {@link #onEvent(Consumer)}.
   *
   * <p>The default implementation filters the events of {@link #onEvent(Consumer)}; breakers made
   * by {@link #of} build only what is wanted.
   *
   * @param kind one of the {@link CircuitBreakerEvent} records, or {@code CircuitBreakerEvent}
   *     itself for every event
   * @param listener receives every event of that kind from now on
   * @param <E> the kind of event
   * @return a subscription whose {@code close()} unsubscribes the listener
   * @throws NullPointerException if {@code kind} or {@code listener} is null
   */
  default <E extends CircuitBreakerEvent> Subscription onEvent(Class<E> kind, Consumer<? super E> listener) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(listener, "listener");
    return onEvent(event -> {
      if (kind.isInstance(event)) {
        listener.accept(kind.cast(event));
      }
    });
  }

  /**
   * Subscribes a listener to the breaker's state changes only. Unlike {@link #onEvent(Consumer)}, it costs
   * the call path nothing: no event is built for a call that changes no state, so reporters and
   * dashboards that only follow transitions should use this. The listener runs synchronously on
   * the thread that made the transition; keep it quick. A listener that throws is logged and never
   * disturbs the call.
   *
   * @param listener receives every state change from now on
   * @return a subscription whose {@code close()} unsubscribes the listener
   * @throws NullPointerException if {@code listener} is null
   */
  Subscription onStateChange(Consumer<? super CircuitBreakerEvent.StateChanged> listener);
}
