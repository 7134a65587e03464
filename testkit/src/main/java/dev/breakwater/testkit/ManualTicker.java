package dev.breakwater.testkit;

import dev.breakwater.Ticker;
import java.time.Duration;
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

  @Override
  public String toString() {
    return "ManualTicker{nanos=" + nanos.get() + "}";
  }
}
