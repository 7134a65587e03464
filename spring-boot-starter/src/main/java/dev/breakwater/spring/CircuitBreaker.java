package dev.breakwater.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated method of a Spring bean (or every public method of an annotated class)
 * through the Breakwater circuit breaker {@link #name()} of the application's
 * {@link dev.breakwater.CircuitBreakerRegistry}. A breaker that is not configured under
 * {@code breakwater.circuitbreaker.instances} is created from {@code configs.default}.
 *
 * <p>Methods returning {@link java.util.concurrent.CompletionStage} or
 * {@link java.util.concurrent.CompletableFuture} take the asynchronous path: the returned stage is
 * what the breaker times and classifies. Every other method is a synchronous call.
 *
 * <p>A fallback method, named by {@link #fallbackMethod()}, lives in the same class, takes the
 * same parameters plus one trailing exception parameter, and returns the same type. Several
 * overloads may differ in that exception type; the one with the most specific type that matches
 * the cause is called. Which causes reach it is {@link #fallbackOn()}'s choice. The fallback is
 * resolved when the application starts: a missing or mismatched one fails the context.
 *
 * <pre>{@code
 * @Service
 * class InventoryService {
 *   @CircuitBreaker(name = "inventory", fallbackMethod = "stockFallback")
 *   public int stock(String sku) { return client.stockFor(sku); }
 *
 *   int stockFallback(String sku, CallNotPermittedException e) { return -1; }
 *   int stockFallback(String sku, Exception e) { return 0; }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CircuitBreaker {

  /**
   * The breaker's name in the registry.
   *
   * @return the breaker's name
   */
  String name();

  /**
   * The name of the fallback method in the same class; empty for none.
   *
   * @return the fallback method's name
   */
  String fallbackMethod() default "";

  /**
   * Which causes reach the fallback method.
   *
   * @return when the fallback applies
   */
  FallbackOn fallbackOn() default FallbackOn.FAILURE;

  /** When a fallback method answers instead of the call. */
  enum FallbackOn {
    /**
     * When the breaker refused the call, and when the call was recorded as a failure: an
     * exception that counts as a failure, a timeout, or a result that counts as a failure.
     * Ignored exceptions, exceptions that count as successes, and {@link Error}s propagate.
     */
    FAILURE,
    /** Only when the breaker refused the call ({@link dev.breakwater.CallNotPermittedException}). */
    NOT_PERMITTED
  }
}
