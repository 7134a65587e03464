package dev.breakwater.redis;

import dev.breakwater.CircuitBreakerStats;
import dev.breakwater.CircuitState;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Everything the fleet does to a local breaker, each with a reason that shows in the breaker's
 * {@code StateChanged} event and a log line: apply and end an override, open from the restart
 * memory, open by quorum. Called on the worker thread only.
 */
final class FleetActions {
  private static final System.Logger LOG = System.getLogger("dev.breakwater.redis.RedisFleet");

  private final String fleet;

  FleetActions(String fleet) {
    this.fleet = fleet;
  }

  /** Puts the breaker in the override's mode unless it is there already. */
  void applyOverride(BreakerTrack track, FleetOverride override, long now) {
    track.overrideDeadline = now + override.remaining().toNanos();
    CircuitState from = track.breaker.state();
    if (from == override.mode()) {
      if (track.applied != null) {
        track.applied = override; // ours already: keep the newest TTL and issuer
      }
      return; // else a local operator put it there: theirs to end, not the fleet's
    }
    String reason = "fleet override by " + override.issuedBy() + ": " + override.reason() + " ("
        + override.mode() + ", " + Readable.millis(override.remaining().toMillis()) + " left)";
    if (override.mode() == CircuitState.FORCED_OPEN) {
      track.breaker.forceOpen(reason);
    } else {
      track.breaker.disable(reason);
    }
    track.applied = override;
    log(track, from, override.mode(), reason);
  }

  /** Ends the override this fleet applied, if the breaker is still in its mode. */
  void endOverride(BreakerTrack track, String why) {
    FleetOverride applied = track.applied;
    if (applied == null) {
      return;
    }
    track.applied = null;
    CircuitState from = track.breaker.state();
    if (from != applied.mode()) {
      return; // someone changed it since: leave their decision alone
    }
    String reason = "fleet override by " + applied.issuedBy() + " " + why;
    track.breaker.reset(reason);
    log(track, from, CircuitState.CLOSED, reason);
  }

  /** A fresh breaker starts OPEN for what is left of an opening the fleet remembers. */
  void openFromMemory(BreakerTrack track, FleetStore.Memory memory) {
    CircuitBreakerStats stats = track.breaker.stats();
    if (track.applied != null || stats.state() != CircuitState.CLOSED || stats.totalSuccesses() > 0) {
      return; // an override rules, or the breaker has evidence of its own already
    }
    String reason = "fleet memory: opened on " + memory.openedBy()
        + (memory.why().isEmpty() ? "" : " (" + memory.why() + ")") + "; "
        + Readable.millis(memory.remainingMillis()) + " of its retry delay remain";
    track.openedByFleet(stats.totalFailures());
    track.breaker.openFor(Duration.ofMillis(memory.remainingMillis()), reason);
    log(track, CircuitState.CLOSED, CircuitState.OPEN, reason);
  }

  /** Opens a CLOSED breaker because the quorum holds and a follower slot was granted. */
  void openByQuorum(BreakerTrack track, QuorumJudge.Verdict verdict, QuorumPolicy policy) {
    CircuitBreakerStats stats = track.breaker.stats();
    if (stats.state() != CircuitState.CLOSED) {
      return;
    }
    Duration delay = track.breaker.config().retryDelay();
    String reason = String.format(java.util.Locale.ROOT,
        "fleet quorum: %d of %d instances have it OPEN (>= %s%% of >= %d); opening for %s",
        verdict.open(), verdict.reporting(), trim(policy.openPercent()), policy.minInstances(),
        Readable.millis(delay.toMillis()));
    track.openedByFleet(stats.totalFailures());
    track.breaker.openFor(delay, reason);
    track.followed = true;
    log(track, CircuitState.CLOSED, CircuitState.OPEN, reason);
  }

  private void log(BreakerTrack track, CircuitState from, CircuitState to, String reason) {
    LOG.log(Level.INFO, () -> "fleet '" + fleet + "': breaker '" + track.name() + "' " + from
        + " -> " + to + ": " + reason);
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
