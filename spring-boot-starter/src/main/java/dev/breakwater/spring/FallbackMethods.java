package dev.breakwater.spring;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The fallback overloads of one protected method: same name as {@code fallbackMethod}, the
 * protected method's parameters plus one trailing exception parameter, and a compatible return
 * type. Resolved and checked once, at startup; {@link #invoke} picks the overload whose exception
 * type is the most specific match for the cause. Immutable.
 */
final class FallbackMethods {
  private final List<Method> overloads; // most specific exception type first

  private FallbackMethods(List<Method> overloads) {
    this.overloads = overloads;
  }

  /**
   * Finds the fallbacks of {@code method} in {@code type}.
   *
   * @throws IllegalStateException naming the method and what was expected, if there is none
   */
  static FallbackMethods resolve(Class<?> type, Method method, String fallbackName) {
    Class<?>[] params = method.getParameterTypes();
    List<Method> found = new ArrayList<>();
    List<String> near = new ArrayList<>();
    ReflectionUtils.doWithMethods(type, candidate -> {
      if (!candidate.getName().equals(fallbackName) || candidate.isBridge()) {
        return;
      }
      Class<?>[] cp = candidate.getParameterTypes();
      boolean shape = cp.length == params.length + 1
          && Arrays.equals(Arrays.copyOf(cp, params.length), params)
          && Throwable.class.isAssignableFrom(cp[params.length]);
      boolean returns = returnTypeFits(method.getReturnType(), candidate.getReturnType());
      if (shape && returns && !Modifier.isStatic(candidate.getModifiers())
          && found.stream().noneMatch(m -> Arrays.equals(m.getParameterTypes(), cp))) {
        found.add(candidate);
      } else {
        near.add(candidate.toGenericString());
      }
    });
    if (found.isEmpty()) {
      String expected = method.getReturnType().getSimpleName() + " " + fallbackName + "("
          + Arrays.stream(params).map(Class::getSimpleName).reduce((a, b) -> a + ", " + b)
              .map(s -> s + ", ").orElse("")
          + "<an exception type> e)";
      throw new IllegalStateException("@CircuitBreaker on " + describe(method) + " names fallbackMethod \""
          + fallbackName + "\", but " + ClassUtils.getShortName(type) + " has no instance method "
          + expected + (near.isEmpty() ? "" : "; found only " + near));
    }
    found.sort(Comparator.comparing((Method m) -> m.getParameterTypes()[params.length],
        FallbackMethods::bySpecificity));
    found.forEach(ReflectionUtils::makeAccessible);
    return new FallbackMethods(List.copyOf(found));
  }

  private static boolean returnTypeFits(Class<?> protectedType, Class<?> fallbackType) {
    if (CompletionStage.class.isAssignableFrom(protectedType)) {
      return CompletionStage.class.isAssignableFrom(fallbackType);
    }
    return ClassUtils.isAssignable(protectedType, fallbackType);
  }

  /** Subtypes before their supertypes; unrelated types in a fixed order. */
  private static int bySpecificity(Class<?> a, Class<?> b) {
    if (a.equals(b)) {
      return 0;
    }
    if (b.isAssignableFrom(a)) {
      return -1;
    }
    if (a.isAssignableFrom(b)) {
      return 1;
    }
    return Integer.compare(depth(b), depth(a)) != 0 ? Integer.compare(depth(b), depth(a))
        : a.getName().compareTo(b.getName());
  }

  private static int depth(Class<?> type) {
    int depth = 0;
    for (Class<?> t = type; t != null; t = t.getSuperclass()) {
      depth++;
    }
    return depth;
  }

  static String describe(Method method) {
    return ClassUtils.getShortName(method.getDeclaringClass()) + "." + method.getName() + "("
        + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
            .reduce((a, b) -> a + ", " + b).orElse("") + ")";
  }

  /**
   * Calls the overload that best matches {@code cause}; rethrows {@code cause} if none does.
   *
   * @throws Throwable what the fallback threw, or the unmatched cause
   */
  Object invoke(Object target, Object[] args, Throwable cause) throws Throwable {
    int last = args.length;
    for (Method m : overloads) {
      if (m.getParameterTypes()[last].isInstance(cause)) {
        Object[] withCause = Arrays.copyOf(args, last + 1);
        withCause[last] = cause;
        try {
          return m.invoke(target, withCause);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }
    }
    throw cause;
  }
}
