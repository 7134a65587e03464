package dev.breakwater.redis;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerStats;
import dev.breakwater.CircuitState;

/**
 * What the fleet knows about one local breaker: its last observed state, whether that state was
 * the fleet's doing, the override the fleet applied to it and the quorum episode it followed.
 *
 * <p>The worker learns a breaker's state by polling {@code stats()}, never through a listener,
 * so the call path carries no fleet code at all. It tells the fleet's own transitions from local
 * ones by bookkeeping rather than by reasons: when the fleet opens a breaker it notes the
 * breaker's lifetime failure count, and the opening stays "the fleet's" only while that count
 * does not grow; a failed trial or any other local failure makes it the breaker's own. Confined
 * to the worker thread.
 */
final class BreakerTrack {
  final CircuitBreaker breaker;
  /** The override this fleet put the breaker in, or null. */
  FleetOverride applied;
  /** When (System.nanoTime) the applied override's TTL runs out by Redis's last word. */
  long overrideDeadline;
  /** Whether the breaker followed the quorum in the current episode. */
  boolean followed;
  /** Whether the fleet's restart memory was consulted for this breaker. */
  boolean memoryChecked;
  /** The poll generation that last saw the breaker in the registry. */
  long generation;

  private long fleetOpenFailures = -1;
  private CircuitState lastState;
  private boolean lastSetByFleet;
  private long failuresSeen;
  private boolean rememberPending;
  private long openedAt;
  private String lastError = "";
  private BreakerReport report;

  BreakerTrack(CircuitBreaker breaker) {
    this.breaker = breaker;
  }

  String name() {
    return breaker.name();
  }

  /**
   * Reads the breaker's state and window. Returns whether the state, or who caused it, changed
   * since the last observation: a transition to report at once.
   */
  boolean observe(long now) {
    CircuitBreakerStats stats = breaker.stats();
    CircuitState state = stats.state();
    long failures = stats.totalFailures();
    boolean byFleet;
    switch (state) {
      case CLOSED:
        fleetOpenFailures = -1;
        byFleet = false;
        break;
      case OPEN:
      case HALF_OPEN:
        if (fleetOpenFailures >= 0 && failures > fleetOpenFailures) {
          fleetOpenFailures = -1; // a local failure since the fleet opened it: its own evidence now
        }
        byFleet = fleetOpenFailures >= 0;
        break;
      default:
        byFleet = applied != null && applied.mode() == state;
    }
    if (state == CircuitState.OPEN && !byFleet && (lastState != CircuitState.OPEN || failures > failuresSeen)) {
      rememberPending = true;
      openedAt = now;
      lastError = stats.lastError().orElse("");
    }
    boolean changed = state != lastState || byFleet != lastSetByFleet;
    lastState = state;
    lastSetByFleet = byFleet;
    failuresSeen = failures;
    report = new BreakerReport(breaker.name(), state, byFleet, stats.windowCalls(), stats.windowFailures());
    return changed;
  }

  /** The fleet is about to open the breaker: remember its failure count to tell later evidence. */
  void openedByFleet(long totalFailures) {
    fleetOpenFailures = totalFailures;
  }

  CircuitState lastState() {
    return lastState;
  }

  BreakerReport report() {
    return report;
  }

  /** Whether a local opening awaits being written to the fleet's restart memory. */
  boolean rememberPending() {
    return rememberPending;
  }

  /** When the pending local opening was seen (System.nanoTime). */
  long openedAt() {
    return openedAt;
  }

  /** The last error when the breaker opened, as {@code Type: message}, or empty. */
  String lastError() {
    return lastError;
  }

  void remembered() {
    rememberPending = false;
  }
}
