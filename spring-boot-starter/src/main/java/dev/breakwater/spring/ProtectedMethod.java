package dev.breakwater.spring;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.Fallback;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.aopalliance.intercept.MethodInvocation;

/**
 * One method protected by {@link dev.breakwater.spring.CircuitBreaker @CircuitBreaker}, resolved
 * once: its breaker, whether it takes the asynchronous path, and its fallbacks. Thread-safe.
 */
final class ProtectedMethod {
  private final Class<?> targetClass;
  private final CircuitBreaker breaker;
  private final boolean async;
  private final FallbackMethods fallbacks; // null for none
  private final boolean notPermittedOnly;

  ProtectedMethod(Class<?> targetClass, Method method, CircuitBreaker breaker, FallbackMethods fallbacks,
      dev.breakwater.spring.CircuitBreaker.FallbackOn fallbackOn) {
    this.targetClass = targetClass;
    this.breaker = breaker;
    this.async = CompletionStage.class.isAssignableFrom(method.getReturnType());
    this.fallbacks = fallbacks;
    this.notPermittedOnly = fallbackOn == dev.breakwater.spring.CircuitBreaker.FallbackOn.NOT_PERMITTED;
  }

  Class<?> targetClass() {
    return targetClass;
  }

  CircuitBreaker breaker() {
    return breaker;
  }

  Object invoke(MethodInvocation invocation) throws Throwable {
    return async ? invokeAsync(invocation) : invokeSync(invocation);
  }

  private Object invokeSync(MethodInvocation invocation) throws Exception {
    if (fallbacks == null) {
      return breaker.execute(() -> proceed(invocation));
    }
    return breaker.execute(() -> proceed(invocation), fallback(invocation, false));
  }

  @SuppressWarnings("unchecked")
  private Object invokeAsync(MethodInvocation invocation) {
    if (fallbacks == null) {
      return breaker.executeAsync(() -> (CompletionStage<Object>) proceedUnchecked(invocation));
    }
    CompletableFuture<Object> result = breaker.executeAsync(
        () -> (CompletionStage<Object>) proceedUnchecked(invocation), fallback(invocation, true));
    return result.thenCompose(v -> v instanceof FallbackStage s ? s.stage() : CompletableFuture.completedFuture(v));
  }

  private Fallback<Object> fallback(MethodInvocation invocation, boolean async) {
    java.util.function.Function<Throwable, Object> answer = cause -> {
      try {
        Object value = fallbacks.invoke(invocation.getThis(), invocation.getArguments(), cause);
        return async ? FallbackStage.of(value) : value;
      } catch (Throwable t) {
        throw Sneaky.<RuntimeException>rethrow(t);
      }
    };
    return notPermittedOnly ? Fallback.onNotPermitted(answer::apply) : Fallback.onFailure(answer);
  }

  private static Object proceed(MethodInvocation invocation) throws Exception {
    try {
      return invocation.proceed();
    } catch (Throwable t) {
      throw Sneaky.<Exception>rethrow(t);
    }
  }

  /** Proceeds, rethrowing whatever the method threw unchanged, for the asynchronous path. */
  private static Object proceedUnchecked(MethodInvocation invocation) {
    try {
      return invocation.proceed();
    } catch (Throwable t) {
      throw Sneaky.<RuntimeException>rethrow(t);
    }
  }

  /** A fallback's stage, to be composed into the returned future in place of a value. */
  private record FallbackStage(CompletionStage<Object> stage) {
    @SuppressWarnings("unchecked") // the fallback's declared type matches the protected method's
    static FallbackStage of(Object stage) {
      return new FallbackStage((CompletionStage<Object>) stage);
    }
  }
}
