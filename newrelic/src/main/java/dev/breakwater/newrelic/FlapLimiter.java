package dev.breakwater.newrelic;

import dev.breakwater.Ticker;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Bounds the state-change events of one breaker: a token bucket of {@code changes} tokens that
 * refills evenly over {@code per}. A transition that finds a token is sent at once; one that finds
 * none is held back, replacing (and counting) any transition already held. The held transition is
 * sent as soon as a token is free, by {@link #release()} or with the next transition that finds
 * one; whichever goes out carries {@code suppressedChanges}, the number of this breaker's
 * transitions since the previous event that no event of their own will show. So every event
 * stands for {@code 1 + suppressedChanges} transitions, and the last transition of a flapping
 * breaker is always the last event sent. Events are handed to the sender under this limiter's
 * lock, so one breaker's events reach it in the order of their transitions; the sender must not
 * block. Thread-safe (one lock per breaker; transitions are rare).
 */
final class FlapLimiter {
  static final String SUPPRESSED = "suppressedChanges";

  // Whole-number arithmetic, so that a refill interval advanced exactly always frees a token:
  // a token is worth perNanos credits, and every nanosecond earns `changes` credits.
  private final long changes;
  private final long perNanos;
  private final Ticker ticker;
  private long credits;
  private long refilledAt;
  private Map<String, Object> held;
  private long suppressed;

  FlapLimiter(int changes, long perNanos, Ticker ticker) {
    this.changes = changes;
    this.perNanos = perNanos;
    this.ticker = ticker;
    this.credits = changes * perNanos;
    this.refilledAt = ticker.read();
  }

  /** Sends the transition's event with its count, or holds it back; false if held back. */
  synchronized boolean admit(Map<String, Object> event, Consumer<Map<String, Object>> sender) {
    if (!take()) {
      if (held != null) {
        suppressed++;
      }
      held = event;
      return false;
    }
    if (held != null) {
      suppressed++; // the held transition is superseded by this one
      held = null;
    }
    sender.accept(counted(event));
    return true;
  }

  /** Sends the held transition if a token is free now. */
  synchronized void release(Consumer<Map<String, Object>> sender) {
    if (held != null && take()) {
      sendHeld(sender);
    }
  }

  /** Sends the held transition whatever the tokens say (the reporter is closing). */
  synchronized void drain(Consumer<Map<String, Object>> sender) {
    if (held != null) {
      sendHeld(sender);
    }
  }

  synchronized boolean holding() {
    return held != null;
  }

  private void sendHeld(Consumer<Map<String, Object>> sender) {
    Map<String, Object> event = held;
    held = null;
    sender.accept(counted(event));
  }

  private Map<String, Object> counted(Map<String, Object> event) {
    event.put(SUPPRESSED, suppressed);
    suppressed = 0;
    return event;
  }

  private boolean take() {
    long now = ticker.read();
    long elapsed = Math.min(now - refilledAt, perNanos); // a full bucket after `per` anyway
    credits = Math.min(changes * perNanos, credits + elapsed * changes);
    refilledAt = now;
    if (credits < perNanos) {
      return false;
    }
    credits -= perNanos;
    return true;
  }
}
