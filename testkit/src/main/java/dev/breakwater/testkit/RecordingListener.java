package dev.breakwater.testkit;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerEvent;
import dev.breakwater.CircuitState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Records the events of one circuit breaker, in the order the breaker emitted them, so a test can
 * assert on them afterwards. Breakers deliver events synchronously, before the call that caused
 * them returns, so no waiting is needed.
 *
 * <p>This class is thread-safe: events may arrive on any thread while a test reads snapshots.
 *
 * <pre>{@code
 * try (RecordingListener events = RecordingListener.attachTo(breaker)) {
 *   breaker.forceOpen();
 *   assertThat(events.transitions()).containsExactly(CircuitState.FORCED_OPEN);
 * }
 * }</pre>
 */
public final class RecordingListener implements Consumer<CircuitBreakerEvent>, AutoCloseable {
  private final List<CircuitBreakerEvent> events = new ArrayList<>();
  private AutoCloseable subscription;

  private RecordingListener() {}

  /**
   * Subscribes a new recording listener to {@code breaker}.
   *
   * @param breaker the breaker whose events to record
   * @return the listener, already subscribed; {@link #close()} unsubscribes it
   * @throws NullPointerException if {@code breaker} is null
   */
  public static RecordingListener attachTo(CircuitBreaker breaker) {
    Objects.requireNonNull(breaker, "breaker");
    RecordingListener listener = new RecordingListener();
    AutoCloseable subscription = breaker.onEvent(listener);
    synchronized (listener) {
      listener.subscription = subscription;
    }
    return listener;
  }

  /**
   * Records one event. The breaker calls this; tests normally do not.
   *
   * @param event the event
   * @throws NullPointerException if {@code event} is null
   */
  @Override
  public synchronized void accept(CircuitBreakerEvent event) {
    events.add(Objects.requireNonNull(event, "event"));
  }

  /**
   * Returns the events recorded so far.
   *
   * @return an immutable snapshot, oldest first
   */
  public synchronized List<CircuitBreakerEvent> events() {
    return List.copyOf(events);
  }

  /**
   * Returns the events of one kind recorded so far.
   *
   * @param type the kind, for example {@code CircuitBreakerEvent.Failure.class}
   * @param <T> the event type
   * @return an immutable snapshot, oldest first
   * @throws NullPointerException if {@code type} is null
   */
  public synchronized <T extends CircuitBreakerEvent> List<T> events(Class<T> type) {
    Objects.requireNonNull(type, "type");
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /**
   * Returns the state the breaker moved to in each recorded state change.
   *
   * @return an immutable list of {@link CircuitBreakerEvent.StateChanged#to()}, oldest first
   */
  public List<CircuitState> transitions() {
    return events(CircuitBreakerEvent.StateChanged.class).stream()
        .map(CircuitBreakerEvent.StateChanged::to)
        .toList();
  }

  /** Forgets every event recorded so far; recording continues. */
  public synchronized void clear() {
    events.clear();
  }

  /**
   * Unsubscribes from the breaker; the events recorded so far stay readable. Closing twice is
   * harmless.
   *
   * @throws IllegalStateException if the breaker's subscription handle fails to close
   */
  @Override
  public void close() {
    AutoCloseable handle;
    synchronized (this) {
      handle = subscription;
      subscription = null;
    }
    if (handle == null) {
      return;
    }
    try {
      handle.close();
    } catch (Exception e) {
      throw new IllegalStateException("unsubscribing from the breaker failed", e);
    }
  }

  @Override
  public synchronized String toString() {
    return "RecordingListener{events=" + events.size() + ", subscribed=" + (subscription != null)
        + "}";
  }
}
