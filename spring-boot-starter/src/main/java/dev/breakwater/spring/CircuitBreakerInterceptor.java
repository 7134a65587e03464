package dev.breakwater.spring;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;

/** The advice behind {@link CircuitBreaker}: runs the call through its breaker. Thread-safe. */
final class CircuitBreakerInterceptor implements MethodInterceptor {
  private final ProtectedMethods methods;

  CircuitBreakerInterceptor(ProtectedMethods methods) {
    this.methods = methods;
  }

  @Override
  public Object invoke(MethodInvocation invocation) throws Throwable {
    Object target = invocation.getThis();
    Class<?> targetClass = target == null ? invocation.getMethod().getDeclaringClass()
        : AopUtils.getTargetClass(target);
    ProtectedMethod pm = methods.find(invocation.getMethod(), targetClass);
    return pm == null ? invocation.proceed() : pm.invoke(invocation);
  }
}
