package dev.breakwater.testkit;

import dev.breakwater.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Ticker} that moves only when a test advances it, so time-dependent behaviour (an open
 * circuit's retry delay, a window bucket, a fault's time window) can be tested without sleeping.
 * The first reading is an arbitrary non-zero value, because only differences between readings are
 * meaningful and code must not assume the origin is zero.
 *
 * <p>This class is thread-safe: readers on other threads see every advance that happened before
 * their read.
 *
 * <pre>{@code
 * ManualTicker ticker = ManualTicker.create();
 * CircuitBreaker breaker = CircuitBreaker.of(CircuitBreakerConfig.builder("inventory")
 *     .ticker(ticker).build());
 * ticker.advance(Duration.ofSeconds(30));
 * }</pre>
 */
public final class ManualTicker implements Ticker {
  private static final long ORIGIN = 1_000_000_000L;

  private final AtomicLong nanos = new AtomicLong(ORIGIN);

  private ManualTicker() {}

  /**
   * Returns a new ticker whose first reading is an arbitrary non-zero value.
   *
   * @return a new ticker
   */
  public static ManualTicker create() {
    return new ManualTicker();
  }

  /**
   * Returns the current reading; it changes only through {@code advance}.
   *
   * @return nanoseconds since an arbitrary origin
   */
  @Override
  public long read() {
    return nanos.get();
  }

  /**
   * Moves the ticker forward.
   *
   * @param duration how far; zero is allowed and changes nothing
   * @return this ticker
   * @throws NullPointerException if {@code duration} is null
   * @throws IllegalArgumentException if {@code duration} is negative
   * @throws ArithmeticException if {@code duration} does not fit in a {@code long} of nanoseconds
   */
  public ManualTicker advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, was " + duration);
    }
    nanos.addAndGet(duration.toNanos());
    return this;
  }

  /**
   * Moves the ticker forward.
   *
   * @param amount how far, in {@code unit}s; zero is allowed and changes nothing
   * @param unit the unit of {@code amount}
   * @return this ticker
   * @throws NullPointerException if {@code unit} is null
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  public ManualTicker advance(long amount, TimeUnit unit) {
    Objects.requireNonNull(unit, "unit");
    if (amount < 0) {
      throw new IllegalArgumentException("amount must not be negative, was " + amount + " " + unit);
    }
    nanos.addAndGet(unit.toNanos(amount));
    return this;
  }

  /**
   * Returns a wall clock that reads {@code origin} now and moves only with this ticker: each
   * {@code advance} moves both. Give it to {@link FakeNewRelic.Builder#clock} (and to the code
   * under test) to drive wall-clock time, such as the evaluation of alert conditions, by hand.
   *
   * <pre>{@code
   * ManualTicker ticker = ManualTicker.create();
   * Clock clock = ticker.asClock(Instant.parse("2030-01-01T00:00:00Z"));
   * FakeNewRelic fake = FakeNewRelic.builder().ticker(ticker).clock(clock).start();
   * ticker.advance(Duration.ofMinutes(5)); // the fake's clock reads 00:05 now
   * }</pre>
   *
   * @param origin what the clock reads at the ticker's current reading
   * @return a clock in UTC, thread-safe like this ticker
   * @throws NullPointerException if {@code origin} is null
   */
  public Clock asClock(Instant origin) {
    return new TickerClock(this, Objects.requireNonNull(origin, "origin"), read(), ZoneOffset.UTC);
  }

  @Override
  public String toString() {
    return "ManualTicker{nanos=" + nanos.get() + "}";
  }

  /** A clock that follows a ticker's readings from an origin. Immutable and thread-safe. */
  private static final class TickerClock extends Clock {
    private final ManualTicker ticker;
    private final Instant origin;
    private final long start;
    private final ZoneId zone;

    TickerClock(ManualTicker ticker, Instant origin, long start, ZoneId zone) {
      this.ticker = ticker;
      this.origin = origin;
      this.start = start;
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new TickerClock(ticker, origin, start, zone);
    }

    @Override
    public Instant instant() {
      return origin.plusNanos(ticker.read() - start);
    }

    @Override
    public String toString() {
      return "ManualTicker.asClock{" + instant() + "}";
    }
  }
}
