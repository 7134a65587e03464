package dev.breakwater;

import java.util.function.Predicate;

/**
 * A breaker's configuration in the units its call path works in, swapped whole when the breaker
 * is reconfigured, so one call sees one consistent configuration. Immutable.
 */
final class Settings {
  final CircuitBreakerConfig config;
  final long timeoutNanos;
  final long slowNanos;
  final long maxHalfOpenWaitNanos;
  final OutcomeClassifier classifier;
  final Predicate<Object> recordResult; // null when no result counts as a failure

  Settings(CircuitBreakerConfig config) {
    this.config = config;
    this.timeoutNanos = config.timeoutNanos();
    this.slowNanos = config.slowCallDuration().toNanos();
    this.maxHalfOpenWaitNanos = config.maxHalfOpenWait().toNanos();
    this.classifier = new OutcomeClassifier(config);
    this.recordResult = config.rawRecordResult();
  }
}
