package dev.breakwater.console;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerEvent.StateChanged;
import dev.breakwater.CircuitBreakerStats;
import dev.breakwater.CircuitState;
import java.util.ArrayDeque;
import java.util.List;

/**
 * What the console remembers about one breaker: its last reading (the baseline for the next
 * interval's rates), the last two minutes of call rate, failure rate and mean latency per
 * interval, the last few state changes with their reasons, and since when it is in its state.
 *
 * <p>Not thread-safe; the {@link Feed}'s lock guards it.
 */
final class BreakerTrack {
  static final int TRANSITIONS_KEPT = 5;
  private static final double NANOS_PER_SECOND = 1e9;
  private static final double NANOS_PER_MILLI = 1e6;

  /** A state change the console saw, stamped on its ticker. */
  record Transition(long id, CircuitState from, CircuitState to, String reason, long at) {}

  private final CircuitBreaker breaker;
  private final DoubleRing callRates;
  private final DoubleRing failureRates;
  private final DoubleRing latenciesMs;
  private final ArrayDeque<Transition> transitions = new ArrayDeque<>(TRANSITIONS_KEPT);
  private CircuitBreakerStats baseline;
  private long baselineAt;
  private CircuitState state;
  private long stateSince;
  private boolean stateSinceObserved;

  BreakerTrack(CircuitBreaker breaker, int historyLength, long now) {
    this.breaker = breaker;
    this.callRates = new DoubleRing(historyLength);
    this.failureRates = new DoubleRing(historyLength);
    this.latenciesMs = new DoubleRing(historyLength);
    this.baseline = breaker.stats();
    this.baselineAt = now;
    this.state = baseline.state();
    this.stateSince = now;
  }

  /**
   * Reads the breaker's statistics and appends one point per series, covering the time since the
   * previous sample. If the ticker has not moved, no point is added and the baseline is kept.
   *
   * @return the reading, and whether a point was appended
   */
  Sampled sample(long now) {
    CircuitBreakerStats current = breaker.stats();
    observe(current, now);
    long elapsed = now - baselineAt;
    if (elapsed <= 0) {
      return new Sampled(current, false);
    }
    CircuitBreakerStats previous = baseline;
    long outcomes = outcomes(current) - outcomes(previous);
    callRates.add((current.totalCalls() - previous.totalCalls()) * NANOS_PER_SECOND / elapsed);
    if (outcomes > 0) {
      failureRates.add((current.totalFailures() - previous.totalFailures()) * 100.0 / outcomes);
      // The interval's mean from the lifetime means: (sum now - sum before) / outcomes in between.
      double sumNanos = (double) current.averageResponseTime().toNanos() * outcomes(current)
          - (double) previous.averageResponseTime().toNanos() * outcomes(previous);
      latenciesMs.add(Math.max(0.0, sumNanos / outcomes / NANOS_PER_MILLI));
    } else {
      failureRates.add(Double.NaN);
      latenciesMs.add(Double.NaN);
    }
    baseline = current;
    baselineAt = now;
    return new Sampled(current, true);
  }

  /** A sample's reading and whether it added a point to the history. */
  record Sampled(CircuitBreakerStats stats, boolean appended) {}

  /** Reads the statistics without touching the history (for an on-demand snapshot). */
  CircuitBreakerStats read(long now) {
    CircuitBreakerStats current = breaker.stats();
    observe(current, now);
    return current;
  }

  /** Records a state change announced by the breaker at {@code at}. */
  Transition transition(StateChanged event, long id, long at) {
    Transition transition = new Transition(id, event.from(), event.to(), event.reason(), at);
    if (transitions.size() == TRANSITIONS_KEPT) {
      transitions.removeLast();
    }
    transitions.addFirst(transition);
    state = event.to();
    stateSince = at;
    stateSinceObserved = true;
    return transition;
  }

  private void observe(CircuitBreakerStats current, long now) {
    if (current.state() != state) {
      // A change the events did not tell us of (yet): it happened within the last interval.
      state = current.state();
      stateSince = now;
      stateSinceObserved = true;
    }
  }

  private static long outcomes(CircuitBreakerStats stats) {
    return stats.totalSuccesses() + stats.totalFailures();
  }

  /** Nanoseconds in the current state as of {@code now}. */
  long inStateNanos(long now) {
    return Math.max(0, now - stateSince);
  }

  /**
   * Whether the state began before the console started watching, so the time in state is only a
   * lower bound.
   */
  boolean inStateAtLeast() {
    return !stateSinceObserved;
  }

  /** The last call rate (calls per second), or {@code NaN} before the second reading. */
  double callRate() {
    return callRates.last();
  }

  DoubleRing callRates() {
    return callRates;
  }

  DoubleRing failureRates() {
    return failureRates;
  }

  DoubleRing latenciesMs() {
    return latenciesMs;
  }

  /** The last state changes, newest first. */
  List<Transition> transitions() {
    return List.copyOf(transitions);
  }
}
