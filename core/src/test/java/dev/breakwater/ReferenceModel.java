package dev.breakwater;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A deliberately simple, single-threaded model of the breaker's specified behaviour: a plain list
 * of recorded calls instead of counter cells and a snapshot ring, plain fields instead of state
 * objects. The property test runs it beside the real breaker on the same random histories.
 */
final class ReferenceModel {
  /** One recorded outcome in the window. */
  private record Entry(long epoch, boolean failure, boolean slow) {}

  private CircuitBreakerConfig config;
  private final long bucketNanos;
  private final long slowNanos;
  private long windowOrigin;

  private CircuitState state = CircuitState.CLOSED;
  private int consecutiveFailures;
  private int trialSuccesses;
  private int failedTrials;
  private long openedAt;
  private long openDelay;

  private long successes;
  private long failures;
  private long timeouts;
  private long rejections;
  private long ignored;
  private long durationSum;
  private String lastError;
  private final List<Entry> window = new ArrayList<>();

  ReferenceModel(CircuitBreakerConfig config, long now) {
    this.config = config;
    this.windowOrigin = now;
    this.bucketNanos = config.monitoringWindow().toNanos() / 20;
    this.slowNanos = config.slowCallDuration().toNanos();
  }

  /** Whether a call starting at {@code now} is permitted; counts a rejection if not. */
  boolean admit(long now) {
    refreshState(now);
    if (state == CircuitState.CLOSED || state == CircuitState.HALF_OPEN
        || state == CircuitState.DISABLED) {
      return true;
    }
    rejections++;
    return false;
  }

  private void refreshState(long now) {
    if (state == CircuitState.OPEN && now - openedAt >= openDelay) {
      state = CircuitState.HALF_OPEN;
      trialSuccesses = 0;
    }
    // maxHalfOpenWait abandons a round only while trials hold slots; between the model's steps
    // every call has ended, so it never applies here (its tests are in OutsideTestingRegressionTest).
  }

  /** The breaker's configuration was replaced; thresholds and delays apply from now on. */
  void reconfigure(CircuitBreakerConfig next) {
    this.config = next;
  }

  void success(long start, long end) {
    long d = end - start;
    boolean slow = slowNanos > 0 && d >= slowNanos;
    successes++;
    durationSum += d;
    window.add(new Entry(epoch(end), false, slow));
    if (state == CircuitState.CLOSED) {
      consecutiveFailures = 0;
      if (slow) {
        checkRates(end, false, true);
      }
    } else if (state == CircuitState.HALF_OPEN) {
      if (slow && config.slowCallRateThreshold().isPresent()) {
        open(end, failedTrials + 1); // a slow trial counts against closing
      } else if (++trialSuccesses >= config.successThreshold()) {
        state = CircuitState.CLOSED;
        consecutiveFailures = 0;
        failedTrials = 0;
        window.clear();
        windowOrigin = end;
      }
    }
  }

  void failure(long start, long end, Throwable error, boolean timeout) {
    long d = end - start;
    boolean slow = slowNanos > 0 && d >= slowNanos;
    failures++;
    if (timeout) {
      timeouts++;
    }
    durationSum += d;
    lastError = error.toString();
    window.add(new Entry(epoch(end), true, slow));
    if (state == CircuitState.CLOSED) {
      if (++consecutiveFailures >= config.failureThreshold()) {
        open(end, 0);
      } else {
        checkRates(end, true, slow);
      }
    } else if (state == CircuitState.HALF_OPEN) {
      open(end, failedTrials + 1);
    }
  }

  void ignored() {
    ignored++;
  }

  void reset(long now) {
    state = CircuitState.CLOSED;
    consecutiveFailures = 0;
    failedTrials = 0;
    window.clear();
    windowOrigin = now;
  }

  void forceOpen() {
    state = CircuitState.FORCED_OPEN;
  }

  void disable() {
    state = CircuitState.DISABLED;
  }

  private void checkRates(long now, boolean failure, boolean slow) {
    long calls = windowCalls(now);
    if (calls < config.minimumCalls()) {
      return;
    }
    double failureThreshold = config.failureRateThreshold().orElse(0);
    double slowThreshold = config.slowCallRateThreshold().orElse(0);
    if (failure && failureThreshold > 0 && windowFailures(now) * 100.0 / calls >= failureThreshold) {
      open(now, 0);
    } else if (slow && slowThreshold > 0 && windowSlow(now) * 100.0 / calls >= slowThreshold) {
      open(now, 0);
    }
  }

  private void open(long now, int trials) {
    state = CircuitState.OPEN;
    failedTrials = trials;
    openedAt = now;
    double base = config.retryDelay().toNanos() * Math.pow(config.backoffMultiplier(), trials);
    openDelay = (long) Math.min(base, config.maxRetryDelay().toNanos());
  }

  private long epoch(long t) {
    return Math.floorDiv(t - windowOrigin, bucketNanos);
  }

  private boolean inWindow(Entry e, long now) {
    return e.epoch() >= epoch(now) - 19;
  }

  private long windowCalls(long now) {
    return window.stream().filter(e -> inWindow(e, now)).count();
  }

  private long windowFailures(long now) {
    return window.stream().filter(e -> inWindow(e, now) && e.failure()).count();
  }

  private long windowSlow(long now) {
    return window.stream().filter(e -> inWindow(e, now) && e.slow()).count();
  }

  CircuitBreakerStats stats(long now) {
    refreshState(now);
    long outcomes = successes + failures;
    return new CircuitBreakerStats(config.name(), state, successes, failures, timeouts, rejections,
        ignored, outcomes == 0 ? Duration.ZERO : Duration.ofNanos(durationSum / outcomes),
        Optional.ofNullable(lastError), windowCalls(now), windowFailures(now),
        slowNanos > 0 ? windowSlow(now) : 0);
  }
}
