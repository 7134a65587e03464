package dev.breakwater;

import java.util.List;

/**
 * The kinds of {@link CircuitBreakerEvent} as bits, so a breaker can tell with one mask test
 * whether any listener wants an event before it builds one.
 */
final class EventKind {
  static final int SUCCESS = 1;
  static final int FAILURE = 1 << 1;
  static final int TIMEOUT = 1 << 2;
  static final int IGNORED = 1 << 3;
  static final int REJECTED = 1 << 4;
  static final int STATE_CHANGED = 1 << 5;
  static final int RESET = 1 << 6;

  private static final List<Class<? extends CircuitBreakerEvent>> TYPES = List.of(
      CircuitBreakerEvent.Success.class, CircuitBreakerEvent.Failure.class,
      CircuitBreakerEvent.Timeout.class, CircuitBreakerEvent.Ignored.class,
      CircuitBreakerEvent.Rejected.class, CircuitBreakerEvent.StateChanged.class,
      CircuitBreakerEvent.Reset.class);

  private EventKind() {}

  /**
   * The kinds of event that are instances of {@code type}: one bit for an event record, all of
   * them for {@link CircuitBreakerEvent} itself.
   *
   * @throws IllegalArgumentException if no kind of event is a {@code type}
   */
  static int of(Class<?> type) {
    int kinds = 0;
    for (int i = 0; i < TYPES.size(); i++) {
      if (type.isAssignableFrom(TYPES.get(i))) {
        kinds |= 1 << i;
      }
    }
    if (kinds == 0) {
      throw new IllegalArgumentException(type.getName() + " is not a kind of CircuitBreakerEvent");
    }
    return kinds;
  }
}
