package dev.breakwater.newrelic;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerEvent;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.RegistryEvent;
import dev.breakwater.Subscription;
import dev.breakwater.Ticker;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends every state change of every breaker in a registry to New Relic at once, as a
 * {@code CircuitBreakerStateChange} event: {@code breakerName}, {@code fromState},
 * {@code toState}, {@code reason}, {@code timestamp} (when the transition happened, epoch ms),
 * {@code suppressedChanges} (see below), {@code host}, {@code service} and the other configured
 * attributes. Breakers created later are followed from their creation; removed ones are let go.
 *
 * <p>Events go into a {@link MetricStreamer}'s buffer, which delivers them after an Event API
 * outage; the listener runs on the thread that made the transition and only builds the event
 * and buffers it, never blocking (the metric streamer drops its oldest event when full, and
 * counts it).
 *
 * <p>Flapping is bounded per breaker: at most {@code changes} events per {@code per} (default
 * 10 per minute, a token bucket). Transitions beyond that are held back, only the latest kept,
 * and sent as soon as the breaker's budget allows: with its next transition, from a thread of the
 * reporter's that checks every {@code per / changes} (6 s by default), or at {@link #close()}. The event that goes out carries
 * {@code suppressedChanges}: how many of the breaker's transitions since its previous event
 * have no event of their own. Every event thus stands for {@code 1 + suppressedChanges}
 * transitions, and a breaker's last event always shows its latest transition.
 *
 * <pre>{@code
 * StateChangeReporter reporter = StateChangeReporter.builder(registry, metricStreamer)
 *     .attribute("service", "checkout")
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class StateChangeReporter implements AutoCloseable {
  /** The event type of the state changes. */
  public static final String EVENT_TYPE = "CircuitBreakerStateChange";
  private static final System.Logger LOG = System.getLogger("dev.breakwater.newrelic.StateChangeReporter");
  private static final Set<String> RESERVED = Set.of("eventType", "timestamp", "breakerName",
      "fromState", "toState", "reason", FlapLimiter.SUPPRESSED);

  private final CircuitBreakerRegistry registry;
  private final MetricStreamer streamer;
  private final Map<String, Object> common;
  private final Clock clock;
  private final Ticker ticker;
  private final int changes;
  private final Duration per;
  private final Map<String, Followed> followed = new HashMap<>(); // guarded by this
  private final AtomicLong transitions = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong suppressed = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private Subscription subscription; // guarded by this; set by start()
  private ScheduledExecutorService releaser; // guarded by this; started at the first held change
  private boolean closed; // guarded by this

  private record Followed(CircuitBreaker breaker, Subscription subscription, FlapLimiter limiter) {}

  private StateChangeReporter(Builder b) {
    this.registry = b.registry;
    this.streamer = b.streamer;
    Map<String, Object> attributes = new LinkedHashMap<>(b.common);
    attributes.putIfAbsent("host", localHostName());
    attributes.putIfAbsent("service", "unknown");
    this.common = Map.copyOf(attributes);
    this.clock = b.clock;
    this.ticker = b.ticker;
    this.changes = b.changes;
    this.per = b.per;
  }

  /**
   * Subscribes, then walks the registry: a breaker added or removed meanwhile is either in the
   * walk's snapshot or announced to {@link #onRegistryEvent}, which waits for the walk (this
   * object's lock).
   */
  private synchronized StateChangeReporter start() {
    subscription = registry.onEvent(this::onRegistryEvent);
    registry.all().forEach(this::follow);
    return this;
  }

  /**
   * Starts a reporter of {@code registry}'s breakers that buffers its events in {@code streamer}.
   *
   * @param registry the registry whose breakers are followed
   * @param streamer the streamer the events are buffered in
   * @return a new builder
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(CircuitBreakerRegistry registry, MetricStreamer streamer) {
    return new Builder(Objects.requireNonNull(registry, "registry"),
        Objects.requireNonNull(streamer, "streamer"));
  }

  /**
   * How many transitions the reporter has seen.
   *
   * @return the transitions of every followed breaker since the reporter was built
   */
  public long transitions() {
    return transitions.get();
  }

  /**
   * How many events the reporter has buffered in its streamer.
   *
   * @return the events buffered
   */
  public long sent() {
    return sent.get();
  }

  /**
   * How many transitions were counted in a later event's {@code suppressedChanges} instead of
   * being sent as events of their own.
   *
   * @return the suppressed transitions that are counted in events already buffered
   */
  public long suppressed() {
    return suppressed.get();
  }

  /**
   * How many events could not be buffered (the streamer was closed, or refused the event),
   * each logged.
   *
   * @return the events lost before reaching the streamer
   */
  public long lost() {
    return lost.get();
  }

  /** Sends every held transition whose breaker has budget again; the releaser thread's task. */
  void release() {
    List<FlapLimiter> limiters;
    synchronized (this) {
      limiters = followed.values().stream().map(Followed::limiter).toList();
    }
    for (FlapLimiter limiter : limiters) {
      limiter.release(this::send);
    }
  }

  private synchronized void onRegistryEvent(RegistryEvent event) {
    if (closed) {
      return;
    }
    if (event instanceof RegistryEvent.Added) {
      follow(event.breaker());
    } else if (event instanceof RegistryEvent.Removed) {
      Followed f = followed.get(event.breaker().name());
      if (f != null && f.breaker() == event.breaker()) {
        followed.remove(event.breaker().name());
        f.subscription().close();
        f.limiter().drain(this::send);
      }
    }
  }

  private void follow(CircuitBreaker breaker) {
    if (registry.find(breaker.name()).orElse(null) != breaker) {
      return; // removed since the snapshot; its Removed event found nothing to do
    }
    Followed old = followed.get(breaker.name());
    if (old != null && old.breaker() == breaker) {
      return;
    }
    FlapLimiter limiter = new FlapLimiter(changes, per.toNanos(), ticker);
    Subscription s = breaker.onStateChange(change -> onStateChange(change, limiter));
    followed.put(breaker.name(), new Followed(breaker, s, limiter));
  }

  /** Runs on the thread that made the transition: build, admit, buffer; nothing that blocks. */
  private void onStateChange(CircuitBreakerEvent.StateChanged change, FlapLimiter limiter) {
    long now = clock.millis();
    transitions.incrementAndGet();
    Map<String, Object> event = new LinkedHashMap<>(common);
    event.put("eventType", EVENT_TYPE);
    event.put("timestamp", now);
    event.put("breakerName", truncated(change.breakerName()));
    event.put("fromState", change.from().name());
    event.put("toState", change.to().name());
    event.put("reason", truncated(change.reason()));
    if (!limiter.admit(event, this::send)) {
      startReleaser();
    }
  }

  private void send(Map<String, Object> event) {
    try {
      streamer.offer(event);
      sent.incrementAndGet();
      suppressed.addAndGet(((Number) event.get(FlapLimiter.SUPPRESSED)).longValue());
    } catch (IllegalStateException | IllegalArgumentException e) {
      long n = lost.incrementAndGet();
      LOG.log(Level.WARNING, "a state change of ''{0}'' ({1} -> {2}) is lost, {3} in all: {4}",
          event.get("breakerName"), event.get("fromState"), event.get("toState"), n,
          e.getMessage());
    }
  }

  private synchronized void startReleaser() {
    if (releaser != null || closed) {
      return;
    }
    releaser = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "breakwater-state-changes");
      t.setDaemon(true);
      return t;
    });
    long interval = Math.max(TimeUnit.MILLISECONDS.toNanos(100), per.toNanos() / changes);
    releaser.scheduleWithFixedDelay(this::releaseSafely, interval, interval, TimeUnit.NANOSECONDS);
  }

  private void releaseSafely() {
    try {
      release();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Failed to send held state changes; will try again", e);
    }
  }

  /**
   * Stops following the registry and its breakers and sends every held transition, whatever
   * the budget. Close it before its streamer, which then delivers them as it drains. Does not
   * close the streamer. Idempotent.
   */
  @Override
  public void close() {
    List<Followed> all;
    ScheduledExecutorService stopping;
    Subscription registrySubscription;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(followed.values());
      followed.clear();
      stopping = releaser;
      registrySubscription = subscription;
    }
    registrySubscription.close();
    all.forEach(f -> f.subscription().close());
    if (stopping != null) {
      stopping.shutdownNow();
    }
    all.forEach(f -> f.limiter().drain(this::send));
  }

  @Override
  public String toString() {
    return "StateChangeReporter{transitions=" + transitions + ", sent=" + sent + ", suppressed="
        + suppressed + ", lost=" + lost + ", common=" + common.keySet() + "}";
  }

  private static String truncated(String s) {
    return s.length() <= EventValidator.MAX_STRING_LENGTH ? s
        : s.substring(0, EventValidator.MAX_STRING_LENGTH);
  }

  static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }

  /** Builds a {@link StateChangeReporter}. Not thread-safe. */
  public static final class Builder {
    private final CircuitBreakerRegistry registry;
    private final MetricStreamer streamer;
    private final Map<String, Object> common = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private Ticker ticker = Ticker.system();
    private int changes = 10;
    private Duration per = Duration.ofMinutes(1);

    private Builder(CircuitBreakerRegistry registry, MetricStreamer streamer) {
      this.registry = registry;
      this.streamer = streamer;
    }

    /**
     * Adds an attribute to every event. {@code host} defaults to the local host name and
     * {@code service} to {@code "unknown"}; set them here.
     *
     * @param name the attribute's name
     * @param value the attribute's value: a string, number or boolean
     * @return this builder
     * @throws IllegalArgumentException if the name is one of the event's own attributes or the
     *     value is not a string, number or boolean
     * @throws NullPointerException if {@code name} is null
     */
    public Builder attribute(String name, Object value) {
      checkAttribute(name, value);
      common.put(name, value);
      return this;
    }

    static void checkAttribute(String name, Object value) {
      ReporterAttributes.check(name, value, EVENT_TYPE, RESERVED, "the state change reporter");
    }

    /**
     * Bounds each breaker's events to {@code changes} per {@code per} (default 10 per minute);
     * transitions beyond that are counted in a later event's {@code suppressedChanges}.
     *
     * @param changes the most events per breaker within {@code per}, and the burst allowed
     * @param per the period over which the budget refills
     * @return this builder
     * @throws IllegalArgumentException if {@code changes} is not in 1..10000 or {@code per} is
     *     not between 1 s and 1 day
     * @throws NullPointerException if {@code per} is null
     */
    public Builder flapLimit(int changes, Duration per) {
      Objects.requireNonNull(per, "per");
      if (changes < 1 || changes > 10_000) {
        throw new IllegalArgumentException("changes must be in 1..10000, was " + changes);
      }
      if (per.compareTo(Duration.ofSeconds(1)) < 0 || per.compareTo(Duration.ofDays(1)) > 0) {
        throw new IllegalArgumentException("per must be between 1 s and 1 day, was " + per);
      }
      this.changes = changes;
      this.per = per;
      return this;
    }

    /**
     * Sets the wall clock that stamps each event with the moment of its transition (default
     * UTC system clock).
     *
     * @param clock the clock read when a transition happens
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the time source of the flapping limit (default {@link Ticker#system()}).
     *
     * @param ticker the ticker the budget refills by
     * @return this builder
     * @throws NullPointerException if {@code ticker} is null
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Builds the reporter, which follows the registry from now on.
     *
     * @return the new reporter
     */
    public StateChangeReporter build() {
      return new StateChangeReporter(this).start();
    }
  }
}
