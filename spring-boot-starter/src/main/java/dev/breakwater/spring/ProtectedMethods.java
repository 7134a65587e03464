package dev.breakwater.spring;

import dev.breakwater.CircuitBreakerRegistry;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds and caches the {@link ProtectedMethod} behind each annotated method: the method's own
 * {@link CircuitBreaker} annotation, or its class's. {@link #check(Class)} resolves every annotated
 * method of a bean class at startup, so a missing fallback fails the application context instead
 * of the first failing call. Thread-safe.
 */
final class ProtectedMethods {
  private final Supplier<CircuitBreakerRegistry> registry;
  private final ConcurrentHashMap<Method, ProtectedMethod> byMethod = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<MethodClassKey, ProtectedMethod> byMethodAndClass =
      new ConcurrentHashMap<>();

  /** @param registry the registry, looked up on first use so that it is not made too early */
  ProtectedMethods(Supplier<CircuitBreakerRegistry> registry) {
    this.registry = registry;
  }

  /** The protected method behind a call; null if neither the method nor its class is annotated. */
  ProtectedMethod find(Method method, Class<?> targetClass) {
    ProtectedMethod pm = byMethod.get(method);
    if (pm != null && pm.targetClass() == targetClass) {
      return pm;
    }
    MethodClassKey key = new MethodClassKey(method, targetClass);
    pm = byMethodAndClass.get(key);
    if (pm == null) {
      pm = resolve(method, targetClass);
      if (pm == null) {
        return null;
      }
      byMethodAndClass.putIfAbsent(key, pm);
      byMethod.putIfAbsent(method, pm);
    }
    return pm;
  }

  /**
   * Resolves every annotated method of {@code beanClass}.
   *
   * @throws IllegalStateException if an annotation names a fallback that does not fit
   */
  void check(Class<?> beanClass) {
    Class<?> type = ClassUtils.getUserClass(beanClass);
    boolean classAnnotated = AnnotatedElementUtils.hasAnnotation(type, CircuitBreaker.class);
    ReflectionUtils.doWithMethods(type, method -> {
      if (AnnotatedElementUtils.hasAnnotation(method, CircuitBreaker.class)
          || classAnnotated && Modifier.isPublic(method.getModifiers())
              && method.getDeclaringClass() != Object.class) {
        find(method, type);
      }
    }, method -> !method.isBridge() && !method.isSynthetic());
  }

  private ProtectedMethod resolve(Method method, Class<?> targetClass) {
    Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
    CircuitBreaker annotation = AnnotatedElementUtils.findMergedAnnotation(specific, CircuitBreaker.class);
    if (annotation == null) {
      annotation = AnnotatedElementUtils.findMergedAnnotation(targetClass, CircuitBreaker.class);
    }
    if (annotation == null) {
      return null;
    }
    if (annotation.name().isBlank()) {
      throw new IllegalStateException("@CircuitBreaker on " + FallbackMethods.describe(specific)
          + " needs a name");
    }
    FallbackMethods fallbacks = annotation.fallbackMethod().isEmpty() ? null
        : FallbackMethods.resolve(targetClass, specific, annotation.fallbackMethod());
    return new ProtectedMethod(targetClass, specific, registry.get().breaker(annotation.name()), fallbacks,
        annotation.fallbackOn());
  }
}
