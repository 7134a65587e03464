package dev.breakwater.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The embedded fake's wall clock in a demo. It reads the moment it was made until the run
 * {@linkplain #start starts}, then runs {@code factor} times faster than real time, so that one
 * unit of the run (a thirtieth of it) is a minute for New Relic's alert conditions, whose windows
 * and durations are whole minutes. Runs of 30 minutes or more use real time. The monitor and the
 * state change reporter stamp their events with it, so the fake sees one consistent timeline.
 * Thread-safe; never goes back.
 */
final class DemoClock extends Clock {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final long STOPPED = Long.MIN_VALUE;

  private final Instant origin;
  private final double factor;
  private volatile long startNanos = STOPPED;

  private DemoClock(Instant origin, double factor) {
    this.origin = origin;
    this.factor = factor;
  }

  /** A clock that reads now until it is started, and then makes {@code unit} of real time a minute. */
  static DemoClock stopped(Duration unit) {
    return new DemoClock(Instant.now(), Math.max(1.0, (double) MINUTE.toNanos() / unit.toNanos()));
  }

  /** Starts the clock at {@code nanos} ({@link System#nanoTime()}), the run's second 0; once. */
  void start(long nanos) {
    if (startNanos != STOPPED) {
      throw new IllegalStateException("the demo's clock is already running");
    }
    startNanos = nanos;
  }

  /** How many times faster than real time this clock runs. */
  double factor() {
    return factor;
  }

  /** Seconds into the run, in real time, of an instant this clock read. */
  double runSeconds(Instant instant) {
    return Duration.between(origin, instant).toNanos() / factor / 1e9;
  }

  @Override
  public Instant instant() {
    long start = startNanos;
    return start == STOPPED ? origin
        : origin.plusNanos(Math.max(0, Math.round((System.nanoTime() - start) * factor)));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (zone.equals(ZoneOffset.UTC)) {
      return this;
    }
    throw new UnsupportedOperationException("the demo's clock is in UTC");
  }

  @Override
  public String toString() {
    return "DemoClock{" + factor + "x}";
  }
}
