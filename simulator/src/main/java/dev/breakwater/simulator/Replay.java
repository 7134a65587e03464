package dev.breakwater.simulator;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitState;
import dev.breakwater.Permit;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Replays a workload through one real {@link CircuitBreaker} on a {@link VirtualTicker}. Calls
 * overlap as they did in the workload: starts and ends are events in time order (an end before a
 * start at the same instant, equal ends in start order), so half-open slots and late outcomes
 * behave as they would in production. At each start the clock moves to the call's start and the
 * call asks for a permit; at its end the clock moves there and the permit is ended with the
 * call's outcome.
 *
 * <p>The candidate's own timeout is applied here, not by the breaker (whose timer runs on real
 * time): a call longer than the timeout becomes a timeout that ends at the deadline. The
 * workload's outcomes are authoritative: the candidate's {@code recordFailure} and
 * {@code ignore} settings are not applied again. Stateless; each run is independent.
 */
final class Replay {
  private static final Predicate<Throwable> RECORD_ALL = t -> true;
  private static final RuntimeException FAILURE = new SimulatedFailure();
  private static final TimeoutException TIMEOUT = new TimeoutException("the call took longer than the timeout");

  private Replay() {}

  /** A failure replayed from the workload: no stack trace, shared by every run. */
  private static final class SimulatedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SimulatedFailure() {
      super("failure replayed from the workload", null, false, false);
    }
  }

  /**
   * Refuses a candidate the replay cannot reproduce exactly.
   *
   * @throws IllegalArgumentException if the candidate uses retry jitter, which the breaker draws
   *     from an unseeded random source
   */
  static void check(CircuitBreakerConfig candidate) {
    if (candidate.retryJitter() > 0) {
      throw new IllegalArgumentException("candidate '" + candidate.name() + "': retryJitter "
          + candidate.retryJitter() + " cannot be simulated exactly (the breaker draws jitter from an"
          + " unseeded random source, so the figures could not be reproduced); simulate without jitter");
    }
  }

  static Figures run(Workload workload, CircuitBreakerConfig candidate) {
    check(candidate);
    VirtualTicker ticker = new VirtualTicker();
    // A short name: the breaker builds a rejection message with it for every rejected call.
    CircuitBreakerConfig config = candidate.toBuilder()
        .name("replay")
        .timeout(Duration.ZERO)
        .maxHalfOpenWait(candidate.maxHalfOpenWait())
        .recordFailure(RECORD_ALL)
        .ignore()
        .ticker(ticker)
        .build();
    CircuitBreaker breaker = CircuitBreaker.of(config);
    StateLog log = new StateLog(ticker);
    breaker.onStateChange(log::accept); // no event per call: replay speed
    Tally tally = new Tally(workload.phases().size());
    replay(workload, breaker, ticker, log, tally, candidate.timeout().toNanos());
    return Figures.of(candidate, workload, tally, log);
  }

  private static void replay(Workload workload, CircuitBreaker breaker, VirtualTicker ticker, StateLog log,
      Tally tally, long timeoutNanos) {
    Calls calls = workload.calls();
    long[] starts = calls.starts;
    long[] durations = calls.durations;
    byte[] outcomes = calls.outcomes;
    int n = calls.size;
    long[] phaseStarts = phaseStarts(workload.phases());
    long[] counts = tally.counts;
    EndQueue inFlight = new EndQueue();
    int phase = 0;
    int i = 0;
    while (i < n || !inFlight.isEmpty()) {
      if (!inFlight.isEmpty() && (i == n || inFlight.firstEnd() <= starts[i])) {
        ticker.set(inFlight.firstEnd());
        byte outcome = inFlight.firstOutcome();
        Permit permit = inFlight.firstPermit();
        inFlight.removeFirst();
        end(permit, outcome);
        continue;
      }
      long start = starts[i];
      while (phase + 1 < phaseStarts.length && start >= phaseStarts[phase + 1]) {
        phase++;
      }
      byte recorded = outcomes[i];
      byte outcome = (byte) (recorded & Calls.OUTCOME_MASK);
      long duration = durations[i];
      if (timeoutNanos > 0 && duration > timeoutNanos) {
        duration = timeoutNanos;
        outcome = Calls.TIMEOUT;
      }
      int base = phase * Tally.FIELDS;
      counts[base + Tally.CALLS]++;
      if ((recorded & Calls.FILLED) != 0) {
        counts[base + Tally.FILLED]++;
      }
      ticker.set(start);
      Optional<Permit> permit = breaker.tryAcquire();
      if (permit.isPresent()) {
        counts[base + Tally.ADMITTED]++;
        if (log.current() == CircuitState.HALF_OPEN) {
          counts[base + Tally.TRIALS]++;
        }
        switch (outcome) {
          case Calls.SUCCESS -> counts[base + Tally.SUCCESSFUL]++;
          case Calls.FAILURE -> counts[base + Tally.FAILED_ADMITTED]++;
          case Calls.TIMEOUT -> {
            counts[base + Tally.FAILED_ADMITTED]++;
            counts[base + Tally.TIMEOUTS]++;
          }
          default -> counts[base + Tally.IGNORED]++;
        }
        inFlight.add(start + duration, i, outcome, permit.get());
      } else {
        counts[base + Tally.REJECTED]++;
        if (outcome == Calls.SUCCESS) {
          counts[base + Tally.HEALTHY_REJECTED]++;
        }
      }
      i++;
    }
  }

  private static void end(Permit permit, byte outcome) {
    switch (outcome) {
      case Calls.SUCCESS -> permit.onSuccess();
      case Calls.FAILURE -> permit.onFailure(FAILURE);
      case Calls.TIMEOUT -> permit.onFailure(TIMEOUT);
      default -> permit.release();
    }
  }

  private static long[] phaseStarts(List<Workload.Phase> phases) {
    long[] starts = new long[phases.size()];
    for (int k = 0; k < starts.length; k++) {
      starts[k] = phases.get(k).start().toNanos();
    }
    return starts;
  }
}
