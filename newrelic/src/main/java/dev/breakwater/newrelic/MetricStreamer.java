package dev.breakwater.newrelic;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Sends metric events (such as {@code CircuitBreakerMetric}) through the Event API, buffered like
 * any other event: reports made while New Relic is unreachable wait in the buffer and are
 * delivered after recovery. Offering never blocks; when the buffer is full the oldest report is
 * dropped, counted, and logged (rate-limited, with counts) by the {@code
 * breakwater-metric-streamer}, under the logger {@code dev.breakwater.newrelic.MetricStreamer}.
 *
 * <p>Thread-safe.
 */
public final class MetricStreamer implements AutoCloseable {
  private final EntityStreamer events;

  private MetricStreamer(EntityStreamer events) {
    this.events = events;
  }

  /**
   * Starts a streamer for metric events sent through {@code client}.
   *
   * @param client the Event API client the metric events are sent through
   * @return a new builder
   * @throws NullPointerException if {@code client} is null
   */
  public static Builder builder(EventApiClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /**
   * Buffers metric events for sending (the design guide's {@code streamMetrics}).
   *
   * @param metrics the metric events, each a flat map with an {@code eventType}
   * @return how many were buffered (the rest were dropped by the overflow policy and counted)
   * @throws IllegalArgumentException if an event is invalid; events before it are buffered
   * @throws IllegalStateException if the streamer is closed
   */
  public int streamMetrics(Collection<? extends Map<String, ?>> metrics) {
    int buffered = 0;
    for (Map<String, ?> m : metrics) {
      if (events.offer(m)) {
        buffered++;
      }
    }
    return buffered;
  }

  /**
   * Buffers one event without blocking (the buffer drops its oldest event when full), for
   * reporters that run on their callers' threads.
   *
   * @return true if buffered
   * @throws IllegalArgumentException if the event is invalid
   * @throws IllegalStateException if the streamer is closed
   */
  boolean offer(Map<String, ?> event) {
    return events.offer(event);
  }

  /**
   * Waits until every metric event buffered before this call is delivered or dropped.
   *
   * @param timeout how long to wait at most
   * @return true if they all settled within {@code timeout}
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean flush(Duration timeout) throws InterruptedException {
    return events.flush(timeout);
  }

  /**
   * A snapshot of the buffer's counters.
   *
   * @return a snapshot of the counters
   */
  public StreamerStats stats() {
    return events.stats();
  }

  /** Delivers what is buffered (up to the close timeout) and stops. Idempotent. */
  @Override
  public void close() {
    events.close();
  }

  @Override
  public String toString() {
    return "MetricStreamer{" + events.stats() + "}";
  }

  /** Builds a {@link MetricStreamer}. Not thread-safe. */
  public static final class Builder {
    private final EntityStreamer.Builder events;

    private Builder(EventApiClient client) {
      this.events = EntityStreamer.builder(client)
          .capacity(5_000, 4L * 1024 * 1024)
          .overflow(OverflowPolicy.DROP_OLDEST, Duration.ZERO)
          .threadName("breakwater-metric-streamer")
          .loggerName("dev.breakwater.newrelic.MetricStreamer");
    }

    /**
     * Bounds the buffer (default 5,000 events and 4 MiB).
     *
     * @param events the most events the buffer holds (default 5,000)
     * @param bytes the most estimated JSON bytes the buffer holds (default 4 MiB)
     * @return this builder
     * @throws IllegalArgumentException if either is less than 1
     */
    public Builder capacity(int events, long bytes) {
      this.events.capacity(events, bytes);
      return this;
    }

    /**
     * Sets the batching (default up to 1000 per batch, 1 s linger).
     *
     * @param batchSize the most events per batch (default 1000)
     * @param flushInterval how long a smaller batch waits for more (default 1 s)
     * @return this builder
     * @throws IllegalArgumentException as {@link EntityStreamer.Builder#batching}
     */
    public Builder batching(int batchSize, Duration flushInterval) {
      this.events.batching(batchSize, flushInterval);
      return this;
    }

    /**
     * Sets the wait after an undelivered batch (default 1 s doubling to 30 s).
     *
     * @param min the first wait after a failed batch (default 1 s)
     * @param max the longest wait (default 30 s)
     * @return this builder
     * @throws IllegalArgumentException as {@link EntityStreamer.Builder#retryWait}
     */
    public Builder retryWait(Duration min, Duration max) {
      this.events.retryWait(min, max);
      return this;
    }

    /**
     * Sets how long {@link #close()} keeps trying to deliver (default 30 s).
     *
     * @param timeout how long {@code close()} keeps trying to deliver (default 30 s)
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder closeTimeout(Duration timeout) {
      this.events.closeTimeout(timeout);
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.events.sleeper(sleeper);
      return this;
    }

    Builder ticker(dev.breakwater.Ticker ticker) {
      this.events.ticker(ticker);
      return this;
    }

    /**
     * Builds the streamer and starts its sender thread.
     *
     * @return the new, running streamer
     */
    public MetricStreamer build() {
      return new MetricStreamer(events.build());
    }
  }
}
