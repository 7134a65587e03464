package dev.breakwater.newrelic;

import dev.breakwater.Ticker;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Streams entities to New Relic as events, through an {@link EventApiClient} and its breaker,
 * without losing them (the design guide's {@code streamEntities}, done right).
 *
 * <p>Two modes. {@link #streamEntities} sends synchronously and throws if anything was not
 * delivered. {@link #offer} is for continuous producers: events go into a bounded buffer (by count
 * and by estimated bytes) and a background thread sends them in batches. While the API fails or the
 * circuit is open, the buffer holds the events and the sender retries; after recovery every event
 * is delivered, in order. When the buffer is full the {@link OverflowPolicy} decides, and every
 * dropped event is counted in {@link #stats()} and logged with counts, at most one line per
 * 10 seconds (the first drop at once). Each line starts with the streamer's
 * {@linkplain Builder#threadName name}. {@link #flush} and {@link #close} drain.
 *
 * <pre>{@code
 * try (EntityStreamer streamer = EntityStreamer.builder(eventApiClient).build()) {
 *   streamer.offer(Map.of("eventType", "MessageQueueBroker", "name", "broker-1", "queueDepth", 42));
 * }
 * }</pre>
 *
 * <p>Thread-safe: any number of producers may offer concurrently.
 */
public final class EntityStreamer implements AutoCloseable {
  private final EventApiClient client;
  private final String name;
  private final System.Logger log;
  private final DropLog drops;
  private final EventBuffer buffer;
  private final OverflowPolicy overflow;
  private final long blockNanos;
  private final Duration closeTimeout;
  private final BufferedSender sender;
  private final Thread thread;

  private EntityStreamer(Builder b) {
    this.client = b.client;
    this.name = b.threadName;
    this.log = System.getLogger(b.loggerName);
    this.overflow = b.overflow;
    this.drops = new DropLog(name, overflow, log, b.ticker);
    this.buffer = new EventBuffer(b.capacity, b.capacityBytes, drops::dropped);
    this.blockNanos = b.blockTimeout.toNanos();
    this.closeTimeout = b.closeTimeout;
    this.sender = new BufferedSender(name, log, buffer, drops, client, b.batchSize, b.flushInterval,
        b.retryWait, b.sleeper);
    this.thread = new Thread(sender, name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Starts a streamer that sends through {@code client}.
   *
   * @param client the Event API client the entities are sent through
   * @return a new builder
   * @throws NullPointerException if {@code client} is null
   */
  public static Builder builder(EventApiClient client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /**
   * Sends entities now, on the calling thread, in batches.
   *
   * @param entities flat maps, each with an {@code eventType}
   * @throws EventDeliveryException if any entity was invalid, refused, or not delivered (its report
   *     says which); valid entities are sent regardless of invalid ones
   * @throws NullPointerException if {@code entities} is null
   */
  public void streamEntities(Collection<? extends Map<String, ?>> entities) {
    List<? extends Map<String, ?>> list = List.copyOf(Objects.requireNonNull(entities, "entities"));
    DeliveryReport report = client.send(list);
    if (!report.complete()) {
      throw new EventDeliveryException(report, list.size());
    }
  }

  /**
   * Buffers one event for the background sender.
   *
   * @param event a flat map with an {@code eventType}; values are strings, numbers or booleans
   * @return true if buffered; false if the overflow policy dropped it (counted in the stats)
   * @throws IllegalArgumentException if the event is invalid (the message says why)
   * @throws IllegalStateException if the streamer is closed
   * @throws NullPointerException if {@code event} is null
   */
  public boolean offer(Map<String, ?> event) {
    Objects.requireNonNull(event, "event");
    String problem = client.problem(event);
    if (problem != null) {
      buffer.countInvalid();
      throw new IllegalArgumentException("invalid event: " + problem);
    }
    // A copy: the caller may reuse or change its map; the buffer must send what was offered.
    Map<String, ?> copy = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(event));
    try {
      return buffer.offer(copy, EventValidator.estimatedSize(copy), overflow, blockNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false; // counted as an overflow drop by the buffer
    } finally {
      drops.logIfDue();
    }
  }

  /**
   * Sends everything offered before this call without waiting for full batches, and waits until
   * each of those events is delivered or dropped.
   *
   * @param timeout how long to wait at most
   * @return true if they all settled within {@code timeout}
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean flush(Duration timeout) throws InterruptedException {
    long target = buffer.requestFlush();
    return buffer.awaitResolved(target, timeout.toNanos());
  }

  /**
   * Returns a snapshot of the buffered mode's counters.
   *
   * @return a snapshot of the counters
   */
  public StreamerStats stats() {
    return buffer.stats();
  }

  /**
   * The client this streamer sends through.
   *
   * @return the Event API client
   */
  public EventApiClient client() {
    return client;
  }

  /**
   * Stops taking events, sends what is buffered (waiting up to the close timeout, through
   * outages), then stops the sender. Events still undelivered at the deadline are dropped, counted
   * as {@code droppedOnClose}, and logged. Idempotent.
   */
  @Override
  public void close() {
    buffer.close();
    // An interrupted caller (a shutdown hook, an executor shutting down) must not cost the
    // buffered events their chance: drain with the flag cleared, then put it back.
    boolean interrupted = Thread.interrupted();
    long start = System.nanoTime();
    boolean drained = false;
    try {
      if (thread.isAlive()) {
        try {
          drained = flush(closeTimeout);
        } catch (InterruptedException e) {
          interrupted = true;
        }
        sender.stop();
        thread.interrupt();
        try {
          thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (!drained) {
        long lost = buffer.dropRemaining(!thread.isAlive());
        if (lost > 0) {
          log.log(Level.ERROR, "{0}: closed with {1} events undelivered after {2} ms; they are dropped",
              name, lost, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
      }
      drops.logNow();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "EntityStreamer{" + name + ", " + buffer.stats() + "}";
  }

  /** Builds an {@link EntityStreamer}. Not thread-safe. */
  public static final class Builder {
    private final EventApiClient client;
    private int capacity = 10_000;
    private long capacityBytes = 8L * 1024 * 1024;
    private OverflowPolicy overflow = OverflowPolicy.DROP_OLDEST;
    private Duration blockTimeout = Duration.ofSeconds(1);
    private int batchSize = 1_000;
    private Duration flushInterval = Duration.ofSeconds(1);
    private Backoff retryWait = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private Duration closeTimeout = Duration.ofSeconds(30);
    private String threadName = "breakwater-entity-streamer";
    private String loggerName = "dev.breakwater.newrelic.EntityStreamer";
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Ticker ticker = Ticker.system();

    private Builder(EventApiClient client) {
      this.client = client;
    }

    /**
     * Bounds the buffer by events (default 10,000) and by estimated JSON bytes (default 8 MiB).
     *
     * @param events the most events the buffer holds (default 10,000)
     * @param bytes the most estimated JSON bytes the buffer holds (default 8 MiB)
     * @return this builder
     * @throws IllegalArgumentException if either is less than 1
     */
    public Builder capacity(int events, long bytes) {
      if (events < 1 || bytes < 1) {
        throw new IllegalArgumentException("capacity must be >= 1 event and >= 1 byte, was "
            + events + " events and " + bytes + " bytes");
      }
      this.capacity = events;
      this.capacityBytes = bytes;
      return this;
    }

    /**
     * Sets what a full buffer does (default {@link OverflowPolicy#DROP_OLDEST}); {@code blockTimeout}
     * is how long {@link OverflowPolicy#BLOCK} waits for room (ignored by the others).
     *
     * @param policy what a full buffer does with a new event (default
     *     {@link OverflowPolicy#DROP_OLDEST})
     * @param blockTimeout how long {@link OverflowPolicy#BLOCK} waits for room
     * @return this builder
     * @throws IllegalArgumentException if {@code blockTimeout} is negative
     * @throws NullPointerException if an argument is null
     */
    public Builder overflow(OverflowPolicy policy, Duration blockTimeout) {
      this.overflow = Objects.requireNonNull(policy, "policy");
      if (blockTimeout.isNegative()) {
        throw new IllegalArgumentException("blockTimeout must not be negative, was " + blockTimeout);
      }
      this.blockTimeout = blockTimeout;
      return this;
    }

    /**
     * Sets how many events the sender takes at once (default 1000) and how long it lets a
     * smaller batch wait for more (default 1 s).
     *
     * @param batchSize the most events per batch (default 1000)
     * @param flushInterval how long a smaller batch waits for more (default 1 s)
     * @return this builder
     * @throws IllegalArgumentException if {@code batchSize} is not in [1, 1000] or the interval is
     *     negative
     */
    public Builder batching(int batchSize, Duration flushInterval) {
      if (batchSize < 1 || batchSize > EventApiClient.MAX_EVENTS_PER_PAYLOAD) {
        throw new IllegalArgumentException("batchSize must be in [1, 1000], was " + batchSize);
      }
      if (flushInterval.isNegative()) {
        throw new IllegalArgumentException("flushInterval must not be negative, was " + flushInterval);
      }
      this.batchSize = batchSize;
      this.flushInterval = flushInterval;
      return this;
    }

    /**
     * Sets how long the sender waits after a batch could not be delivered: doubling from
     * {@code min} up to {@code max} (default 1 s to 30 s), reset by the next delivery.
     *
     * @param min the first wait after a failed batch (default 1 s)
     * @param max the longest wait (default 30 s)
     * @return this builder
     * @throws IllegalArgumentException if {@code min <= 0} or {@code max < min}
     */
    public Builder retryWait(Duration min, Duration max) {
      this.retryWait = new Backoff(min, max);
      return this;
    }

    /**
     * Sets how long {@link EntityStreamer#close()} keeps trying to deliver (default 30 s).
     *
     * @param closeTimeout how long {@code close()} keeps trying to deliver (default 30 s)
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder closeTimeout(Duration closeTimeout) {
      if (closeTimeout.isNegative()) {
        throw new IllegalArgumentException("closeTimeout must not be negative, was " + closeTimeout);
      }
      this.closeTimeout = closeTimeout;
      return this;
    }

    /**
     * Names the streamer (default {@code breakwater-entity-streamer}): its sender thread, and the
     * start of every line it logs, so that the messages of two streamers can be told apart.
     *
     * @param name the streamer's name (default {@code breakwater-entity-streamer})
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     */
    public Builder threadName(String name) {
      this.threadName = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The logger's name; the metric streamer logs under its own. */
    Builder loggerName(String name) {
      this.loggerName = Objects.requireNonNull(name, "name");
      return this;
    }

    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** The time source of the rate limit on drop messages; tests advance one by hand. */
    Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Builds the streamer and starts its sender thread.
     *
     * @return the new, running streamer
     */
    public EntityStreamer build() {
      return new EntityStreamer(this);
    }
  }
}
