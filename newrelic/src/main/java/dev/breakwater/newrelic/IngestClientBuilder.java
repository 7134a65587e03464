package dev.breakwater.newrelic;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What the builders of the ingest clients (Event API, Metric API) share on top of
 * {@link ClientBuilder}: the retry budget per payload, the backoff, the wall clock, and how to
 * wait. Not thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class IngestClientBuilder<B extends IngestClientBuilder<B>> extends ClientBuilder<B> {
  private int maxRetries = 5;
  private Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(15));
  Clock clock = Clock.systemUTC();
  private Sleeper sleeper = Sleeper.SYSTEM;

  IngestClientBuilder(NewRelicConfig config) {
    super(config);
  }

  /**
   * Sets how often one payload is retried after a transient failure (default 5).
   *
   * @param maxRetries retries per payload; 0 for none (default 5)
   * @return this builder
   * @throws IllegalArgumentException if negative
   */
  public B maxRetries(int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
    }
    this.maxRetries = maxRetries;
    return self();
  }

  /**
   * Sets the retry backoff: {@code min(max, factor · 2^(n-1))} before the n-th retry
   * (default 1 s and 15 s).
   *
   * @param factor the wait before the first retry (default 1 s)
   * @param max the longest wait between retries (default 15 s)
   * @return this builder
   * @throws IllegalArgumentException if {@code factor <= 0} or {@code max < factor}
   */
  public B backoff(Duration factor, Duration max) {
    this.backoff = new Backoff(factor, max);
    return self();
  }

  /**
   * Sets the wall clock for timestamps and {@code Retry-After} dates (default UTC system).
   *
   * @param clock the wall clock (default UTC system)
   * @return this builder
   * @throws NullPointerException if {@code clock} is null
   */
  public B clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  B sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return self();
  }

  /** The settings of a payload sender for {@code api}, sending {@code item}s to {@code endpoint}. */
  PayloadSender.Settings settings(String api, String item, URI endpoint, Secret key,
      dev.breakwater.CircuitBreaker breaker, boolean audit) {
    return new PayloadSender.Settings(api, item, endpoint, key,
        new HttpTransport(httpClientOrDefault(), 64 * 1024), breaker, maxRetries, backoff, sleeper,
        clock, audit);
  }
}
