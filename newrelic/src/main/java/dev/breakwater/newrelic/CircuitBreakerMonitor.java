package dev.breakwater.newrelic;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.CircuitBreakerStats;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reports every breaker of a registry to New Relic as a {@code CircuitBreakerMetric} event, on a
 * schedule (the design guide's monitor, with a schedule that can be stopped). Each event carries
 * the guide's attributes ({@code eventType, timestamp, breakerName, state, totalCalls,
 * totalFailures, totalSuccesses, totalTimeouts, averageResponseTime} in milliseconds, {@code
 * failureRate, successRate} in percent), plus {@code totalRejections, totalIgnored, windowCalls,
 * windowFailures, windowSlowCalls, windowFailureRate, windowSlowCallRate} and the configured
 * common attributes. Breakers created after the monitor started are in the next report, because
 * each report walks the registry.
 *
 * <pre>{@code
 * CircuitBreakerMonitor monitor = CircuitBreakerMonitor.builder(registry, metricStreamer)
 *     .attribute("service", "checkout")
 *     .build();
 * monitor.start(Duration.ofMinutes(1));
 * }</pre>
 *
 * <p>Thread-safe. Reporting only buffers events, so it never blocks on the network.
 */
public final class CircuitBreakerMonitor implements AutoCloseable {
  /** The event type of the reports. */
  public static final String EVENT_TYPE = "CircuitBreakerMetric";
  private static final System.Logger LOG = System.getLogger("dev.breakwater.newrelic.CircuitBreakerMonitor");

  private final CircuitBreakerRegistry registry;
  private final MetricStreamer metrics;
  private final Map<String, Object> common;
  private final Clock clock;
  private final MetricApiClient dimensional;
  private final DimensionalReport dimensionalReport = new DimensionalReport();
  private final java.util.concurrent.ExecutorService dimensionalSender;
  private ScheduledExecutorService scheduler;
  private boolean closed;

  private CircuitBreakerMonitor(Builder b) {
    this.registry = b.registry;
    this.metrics = b.metrics;
    this.common = Map.copyOf(b.common);
    this.clock = b.clock;
    this.dimensional = b.dimensional;
    // One report waiting at most: when the Metric API is slow, older reports give way to newer
    // ones instead of piling up.
    this.dimensionalSender = dimensional == null ? null : new java.util.concurrent.ThreadPoolExecutor(
        1, 1, 0, TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(1), r -> {
          Thread t = new Thread(r, "breakwater-monitor-metric-api");
          t.setDaemon(true);
          return t;
        }, new java.util.concurrent.ThreadPoolExecutor.DiscardOldestPolicy());
  }

  /**
   * Starts a monitor of {@code registry} that sends through {@code metrics}.
   *
   * @param registry the registry whose breakers are reported
   * @param metrics the streamer the reports are buffered in
   * @return a new builder
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(CircuitBreakerRegistry registry, MetricStreamer metrics) {
    return new Builder(Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(metrics, "metrics"));
  }

  /**
   * Buffers one {@code CircuitBreakerMetric} event per breaker now.
   *
   * @return how many events were buffered
   */
  public int reportMetrics() {
    return report(true);
  }

  private int report(boolean withDimensional) {
    long timestamp = clock.millis();
    List<Map<String, Object>> events = new ArrayList<>();
    List<CircuitBreakerStats> stats = new ArrayList<>();
    for (CircuitBreaker breaker : registry.all()) {
      CircuitBreakerStats s = breaker.stats();
      stats.add(s);
      events.add(event(s, timestamp));
    }
    if (withDimensional && dimensional != null && !stats.isEmpty()) {
      sendDimensional(stats, timestamp);
    }
    return events.isEmpty() ? 0 : metrics.streamMetrics(events);
  }

  /** Hands the dimensional metrics to their own thread: best effort, never blocking the report. */
  private void sendDimensional(List<CircuitBreakerStats> stats, long timestamp) {
    try {
      dimensionalSender.execute(() -> {
        List<Metric> batch = new ArrayList<>();
        for (CircuitBreakerStats s : stats) {
          batch.addAll(dimensionalReport.metrics(s, timestamp, common));
        }
        MetricReport report = dimensional.send(batch);
        if (!report.complete()) {
          LOG.log(Level.WARNING, "{0} of {1} circuit breaker metrics not delivered to the Metric API ({2})",
              report.dropped().size() + report.undelivered().size(), batch.size(), report.undeliveredReason());
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // the monitor is closing; dimensional metrics are best effort
    }
  }

  /** The event for one breaker's statistics; package-private for tests. */
  Map<String, Object> event(CircuitBreakerStats s, long timestamp) {
    Map<String, Object> e = new LinkedHashMap<>(common);
    e.put("eventType", EVENT_TYPE);
    e.put("timestamp", timestamp);
    e.put("breakerName", s.breakerName());
    e.put("state", s.state().name());
    e.put("totalCalls", s.totalCalls());
    e.put("totalFailures", s.totalFailures());
    e.put("totalSuccesses", s.totalSuccesses());
    e.put("totalTimeouts", s.totalTimeouts());
    e.put("averageResponseTime", s.averageResponseTime().toNanos() / 1e6);
    e.put("failureRate", s.failureRate());
    e.put("successRate", s.successRate());
    e.put("totalRejections", s.totalRejections());
    e.put("totalIgnored", s.totalIgnored());
    e.put("windowCalls", s.windowCalls());
    e.put("windowFailures", s.windowFailures());
    e.put("windowSlowCalls", s.windowSlowCalls());
    e.put("windowFailureRate", s.windowFailureRate());
    e.put("windowSlowCallRate", s.windowSlowCallRate());
    return e;
  }

  /**
   * Reports every {@code interval}, starting one interval from now, on a daemon thread. A report
   * that fails is logged and the schedule goes on.
   *
   * @param interval the time between reports
   * @throws IllegalStateException if already started or closed
   * @throws IllegalArgumentException if {@code interval} is not positive
   */
  public synchronized void start(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be > 0, was " + interval);
    }
    if (closed) {
      throw new IllegalStateException("the monitor is closed");
    }
    if (scheduler != null) {
      throw new IllegalStateException("the monitor is already started");
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "breakwater-monitor");
      t.setDaemon(true);
      return t;
    });
    long nanos = interval.toNanos();
    scheduler.scheduleAtFixedRate(this::reportSafely, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  private void reportSafely() {
    try {
      reportMetrics();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Failed to report circuit breaker metrics; will try again next interval", e);
    }
  }

  /**
   * Stops the schedule and buffers a last report, so that the state of every breaker at shutdown
   * reaches New Relic (as {@link BreakwaterNewRelic#close()} does). When it returns, no further
   * report will run (one already running is waited for, up to 10 s). Close the monitor before its
   * metric streamer, which then delivers the last report as it drains; if the streamer is already
   * closed, the last report is logged as lost. The last report has no dimensional metrics: they
   * are best effort, and their thread stops here. Does not close the metric streamer. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
          LOG.log(Level.WARNING, "a circuit breaker report did not finish within 10 s of close()");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      report(false);
    } catch (IllegalStateException e) {
      LOG.log(Level.WARNING, "the last circuit breaker report is lost: {0} (close the monitor before "
          + "its metric streamer)", e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the last circuit breaker report failed", e);
    }
    if (dimensionalSender != null) {
      dimensionalSender.shutdownNow(); // dimensional metrics are best effort: none after close()
      try {
        if (!dimensionalSender.awaitTermination(10, TimeUnit.SECONDS)) {
          LOG.log(Level.WARNING, "the Metric API sender did not stop within 10 s of close()");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "CircuitBreakerMonitor{breakers=" + registry.all().size() + ", common=" + common.keySet() + "}";
  }

  /** Builds a {@link CircuitBreakerMonitor}. Not thread-safe. */
  public static final class Builder {
    private final CircuitBreakerRegistry registry;
    private final MetricStreamer metrics;
    private final Map<String, Object> common = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private MetricApiClient dimensional;

    private Builder(CircuitBreakerRegistry registry, MetricStreamer metrics) {
      this.registry = registry;
      this.metrics = metrics;
    }

    /**
     * Adds an attribute to every report, such as the service name or host.
     *
     * @param name the attribute's name
     * @param value the attribute's value: a string, number or boolean
     * @return this builder
     * @throws IllegalArgumentException if the name is one of the report's own attributes or the
     *     value is not a string, number or boolean
     */
    public Builder attribute(String name, Object value) {
      checkAttribute(name, value);
      common.put(name, value);
      return this;
    }

    /** The attribute must fit both the Event API (reports) and the Metric API (dimensional metrics). */
    static void checkAttribute(String name, Object value) {
      ReporterAttributes.check(name, value, EVENT_TYPE, RESERVED, "the monitor");
      try {
        Metric.gauge("circuitbreaker.state", 0, 0, Map.of(name, value));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("attribute '" + name + "' cannot be reported: " + e.getMessage(), e);
      }
    }

    /**
     * Sets the wall clock for the reports' {@code timestamp} (default UTC system clock).
     *
     * @param clock the clock that stamps the reports (default UTC system clock)
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Also sends each report as dimensional metrics through the Metric API: gauges
     * {@code circuitbreaker.state} (0 CLOSED, 1 HALF_OPEN, 2 OPEN, 3 FORCED_OPEN, 4 DISABLED),
     * {@code .failureRate}, {@code .windowFailureRate}, {@code .averageResponseTime} (ms), and counts
     * {@code circuitbreaker.calls}, {@code .failures}, {@code .timeouts}, {@code .rejections} since
     * the previous report, each with {@code breakerName}, {@code state} and the common attributes.
     * Best effort, on a thread of their own: the {@code CircuitBreakerMetric} events stay the
     * lossless record.
     *
     * @param client the Metric API client that sends the dimensional metrics
     * @return this builder
     * @throws NullPointerException if {@code client} is null
     */
    public Builder dimensionalMetrics(MetricApiClient client) {
      this.dimensional = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Builds the monitor (not yet started).
     *
     * @return the new monitor
     */
    public CircuitBreakerMonitor build() {
      return new CircuitBreakerMonitor(this);
    }

    private static final java.util.Set<String> RESERVED = java.util.Set.of("eventType", "timestamp",
        "breakerName", "state", "totalCalls", "totalFailures", "totalSuccesses", "totalTimeouts",
        "averageResponseTime", "failureRate", "successRate", "totalRejections", "totalIgnored",
        "windowCalls", "windowFailures", "windowSlowCalls", "windowFailureRate", "windowSlowCallRate");
  }
}
