package dev.breakwater.spring;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;

/**
 * Applies {@link CircuitBreakerInterceptor} to methods annotated with {@link CircuitBreaker} and
 * to the methods of annotated classes. An infrastructure advisor, so Spring's plain and AspectJ
 * auto-proxy creators both apply it.
 */
final class CircuitBreakerAdvisor extends AbstractPointcutAdvisor {
  private static final long serialVersionUID = 1L;

  private final transient CircuitBreakerInterceptor interceptor;
  private final transient Pointcut pointcut = new ComposablePointcut(
      new AnnotationMatchingPointcut(CircuitBreaker.class, true))
      .union(new AnnotationMatchingPointcut(null, CircuitBreaker.class, true));

  CircuitBreakerAdvisor(CircuitBreakerInterceptor interceptor) {
    this.interceptor = interceptor;
  }

  @Override
  public Pointcut getPointcut() {
    return pointcut;
  }

  @Override
  public org.aopalliance.aop.Advice getAdvice() {
    return interceptor;
  }

  @Override
  public boolean equals(Object other) {
    return other == this;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }


}
