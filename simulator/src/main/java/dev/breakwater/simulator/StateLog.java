package dev.breakwater.simulator;

import dev.breakwater.CircuitBreakerEvent;
import dev.breakwater.CircuitState;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Listens to a replayed breaker and keeps its state changes with their virtual time, in order,
 * and the state it is in now, so the replay can tell a trial call (admitted in HALF_OPEN) from an
 * ordinary one. A listener, not polling {@code state()}: {@code state()} would make the lazy
 * OPEN to HALF_OPEN switch (and the abandoning of a stuck HALF_OPEN round) happen earlier than an
 * unobserved breaker in production makes them. Not thread-safe: one replay, one thread.
 */
final class StateLog implements Consumer<CircuitBreakerEvent> {
  private final VirtualTicker ticker;
  private long[] times = new long[16];
  private CircuitState[] from = new CircuitState[16];
  private CircuitState[] to = new CircuitState[16];
  private String[] reasons = new String[16];
  private int size;
  private CircuitState current = CircuitState.CLOSED;

  StateLog(VirtualTicker ticker) {
    this.ticker = ticker;
  }

  @Override
  public void accept(CircuitBreakerEvent event) {
    if (event instanceof CircuitBreakerEvent.StateChanged change) {
      if (size == times.length) {
        int capacity = size * 2;
        times = Arrays.copyOf(times, capacity);
        from = Arrays.copyOf(from, capacity);
        to = Arrays.copyOf(to, capacity);
        reasons = Arrays.copyOf(reasons, capacity);
      }
      times[size] = ticker.read();
      from[size] = change.from();
      to[size] = change.to();
      reasons[size] = change.reason();
      size++;
      current = change.to();
    }
  }

  CircuitState current() {
    return current;
  }

  int size() {
    return size;
  }

  long time(int i) {
    return times[i];
  }

  CircuitState from(int i) {
    return from[i];
  }

  CircuitState to(int i) {
    return to[i];
  }

  String reason(int i) {
    return reasons[i];
  }

  /** The state after every change at or before {@code nanos}. */
  CircuitState stateAt(long nanos) {
    int i = lastAtOrBefore(nanos);
    return i < 0 ? CircuitState.CLOSED : to[i];
  }

  /** The time of the first change to {@code state} in [{@code from}, {@code until}), or -1. */
  long firstChangeTo(CircuitState state, long fromNanos, long untilNanos) {
    for (int i = lastAtOrBefore(fromNanos - 1) + 1; i < size && times[i] < untilNanos; i++) {
      if (to[i] == state) {
        return times[i];
      }
    }
    return -1;
  }

  private int lastAtOrBefore(long nanos) {
    int lo = 0;
    int hi = size - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (times[mid] <= nanos) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}
