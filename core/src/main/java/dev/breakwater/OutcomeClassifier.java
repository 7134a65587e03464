package dev.breakwater;

import java.util.function.Predicate;

/**
 * Decides what an exception from a call means, by the config's {@code ignore} types and
 * {@code recordFailure} predicate: ignored types first, then {@link Error}s are failures, then the
 * predicate (true: failure; false: success; throws anything, even an Error: failure, logged).
 * Immutable.
 */
final class OutcomeClassifier {
  enum Outcome { SUCCESS, FAILURE, IGNORED }

  private final String breakerName;
  private final Class<?>[] ignored;
  private final Predicate<Throwable> recordFailure;

  OutcomeClassifier(CircuitBreakerConfig config) {
    this.breakerName = config.name();
    this.ignored = config.ignored().toArray(new Class<?>[0]);
    this.recordFailure = config.recordFailure();
  }

  Outcome classify(Throwable t) {
    for (Class<?> type : ignored) {
      if (type.isInstance(t)) {
        return Outcome.IGNORED;
      }
    }
    if (t instanceof Error) {
      return Outcome.FAILURE;
    }
    try {
      return recordFailure.test(t) ? Outcome.FAILURE : Outcome.SUCCESS;
    } catch (Throwable predicateFailure) {
      // Even an Error (a StackOverflowError in user code, say) must not leave the permit open.
      DefaultCircuitBreaker.logClassifierFailure(breakerName, "recordFailure", predicateFailure);
      return Outcome.FAILURE;
    }
  }

  /** Whether {@code recordResult} counts {@code result} as a failure; a throwing one does. */
  static boolean resultIsFailure(String breakerName, java.util.function.Predicate<Object> recordResult,
      Object result) {
    try {
      return recordResult.test(result);
    } catch (Throwable predicateFailure) {
      DefaultCircuitBreaker.logClassifierFailure(breakerName, "recordResult", predicateFailure);
      return true;
    }
  }
}
