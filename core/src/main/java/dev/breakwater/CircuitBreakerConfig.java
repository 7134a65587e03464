package dev.breakwater;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The immutable configuration of one circuit breaker, made by {@link #builder(String)}; derive a
 * variant with {@link #toBuilder()}. The defaults are the design guide's: five consecutive
 * failures open the circuit, two half-open successes close it, calls time out after 30 seconds,
 * an open circuit waits 5 seconds before trial calls, and statistics cover a 60-second window.
 *
 * <p>Instances are immutable and thread-safe. Two configs are equal when every field is equal;
 * the {@code recordFailure} predicate and the ticker are compared with {@code equals}, which for
 * lambdas means identity.
 *
 * <pre>{@code
 * CircuitBreakerConfig config = CircuitBreakerConfig.builder("inventory")
 *     .failureThreshold(3)
 *     .timeout(Duration.ofSeconds(2))
 *     .ignore(IllegalArgumentException.class)
 *     .build();
 * }</pre>
 */
public final class CircuitBreakerConfig {
  static final Duration MAX_DURATION = Duration.ofDays(365);
  static final int WINDOW_BUCKETS = 20;
  static final Duration DEFAULT_MAX_HALF_OPEN_WAIT = Duration.ofSeconds(60);
  private static final Predicate<Throwable> RECORD_ALL = new RecordAll();
  private static final Predicate<Object> NO_RESULT = new NoResult();

  private final String name;
  private final int failureThreshold;
  private final int successThreshold;
  private final int halfOpenMaxCalls;
  private final boolean halfOpenMaxCallsSet;
  private final Duration timeout;
  private final Duration retryDelay;
  private final double backoffMultiplier;
  private final Duration maxRetryDelay;
  private final double retryJitter;
  private final Duration monitoringWindow;
  private final double failureRateThreshold;
  private final Duration slowCallDuration;
  private final double slowCallRateThreshold;
  private final int minimumCalls;
  private final Predicate<Throwable> recordFailure;
  private final Predicate<Object> recordResult;
  private final Duration maxHalfOpenWait;
  private final boolean maxHalfOpenWaitSet;
  private final Set<Class<? extends Throwable>> ignored;
  private final Ticker ticker;

  private CircuitBreakerConfig(Builder b) {
    this.name = b.name;
    this.failureThreshold = b.failureThreshold;
    this.successThreshold = b.successThreshold;
    this.halfOpenMaxCalls = b.halfOpenMaxCalls == 0 ? b.successThreshold : b.halfOpenMaxCalls;
    this.halfOpenMaxCallsSet = b.halfOpenMaxCalls != 0;
    this.timeout = b.timeout;
    this.retryDelay = b.retryDelay;
    this.backoffMultiplier = b.backoffMultiplier;
    this.maxRetryDelay = b.maxRetryDelay == null ? b.retryDelay : b.maxRetryDelay;
    this.retryJitter = b.retryJitter;
    this.monitoringWindow = b.monitoringWindow;
    this.failureRateThreshold = b.failureRateThreshold;
    this.slowCallDuration = b.slowCallDuration;
    this.slowCallRateThreshold = b.slowCallRateThreshold;
    this.minimumCalls = b.minimumCalls;
    this.recordFailure = b.recordFailure;
    this.recordResult = b.recordResult;
    this.maxHalfOpenWaitSet = b.maxHalfOpenWait != null;
    this.maxHalfOpenWait = maxHalfOpenWaitSet ? b.maxHalfOpenWait : defaultMaxHalfOpenWait(b.timeout);
    this.ignored = Set.copyOf(b.ignored);
    this.ticker = b.ticker;
  }

  /**
   * Starts a configuration for the breaker with the given name, with every other field at its
   * default.
   *
   * @param name the breaker's name; not blank
   * @return a new builder
   * @throws IllegalArgumentException if {@code name} is null or blank
   */
  public static Builder builder(String name) {
    return new Builder().name(name);
  }

  /**
   * Returns a builder that starts from this configuration.
   *
   * @return a new builder holding this configuration's values
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * The breaker's name, unique within a registry.
   *
   * @return the breaker's name
   */
  public String name() {
    return name;
  }

  /**
   * Consecutive recorded failures in CLOSED that open the circuit (default 5).
   *
   * @return the number of consecutive failures that opens the circuit
   */
  public int failureThreshold() {
    return failureThreshold;
  }

  /**
   * Successful trial calls in HALF_OPEN that close the circuit (default 2).
   *
   * @return the number of trial successes that closes the circuit
   */
  public int successThreshold() {
    return successThreshold;
  }

  /**
   * The most trial calls HALF_OPEN lets run at once (default: {@link #successThreshold()}).
   *
   * @return the most trial calls in flight at once in HALF_OPEN
   */
  public int halfOpenMaxCalls() {
    return halfOpenMaxCalls;
  }

  /**
   * The per-call deadline (default 30 s); {@link Duration#ZERO} means none.
   *
   * @return the per-call deadline, or {@link Duration#ZERO} for none
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * How long the circuit stays OPEN before trial calls (default 5 s).
   *
   * @return the delay before trial calls, before any backoff
   */
  public Duration retryDelay() {
    return retryDelay;
  }

  /**
   * The factor by which the open delay grows after each failed trial (default 1.0, no backoff).
   * The delay returns to {@link #retryDelay()} when the circuit closes.
   *
   * @return the backoff factor, at least 1.0
   */
  public double backoffMultiplier() {
    return backoffMultiplier;
  }

  /**
   * The cap on the open delay under backoff (default: {@link #retryDelay()}).
   *
   * @return the longest open delay under backoff
   */
  public Duration maxRetryDelay() {
    return maxRetryDelay;
  }

  /**
   * The random spread applied to each open delay, as a fraction in [0, 1) (default 0): a delay
   * {@code d} becomes a uniform value in {@code [d·(1-jitter), d·(1+jitter)]}, then is capped.
   *
   * @return the jitter fraction, in [0, 1)
   */
  public double retryJitter() {
    return retryJitter;
  }

  /**
   * The length of the sliding time window behind the rate policies and windowed stats (60 s).
   *
   * @return the window's length
   */
  public Duration monitoringWindow() {
    return monitoringWindow;
  }

  /**
   * The window failure rate, in percent, at or above which a CLOSED circuit opens once the window
   * holds {@link #minimumCalls()} calls; empty when the policy is off (the default).
   *
   * @return the failure-rate threshold in percent, or empty when the policy is off
   */
  public OptionalDouble failureRateThreshold() {
    return failureRateThreshold > 0 ? OptionalDouble.of(failureRateThreshold) : OptionalDouble.empty();
  }

  /**
   * Calls taking at least this long count as slow; {@link Duration#ZERO} (default) means never.
   *
   * @return the duration from which a call is slow, or {@link Duration#ZERO} for never
   */
  public Duration slowCallDuration() {
    return slowCallDuration;
  }

  /**
   * The window slow-call rate, in percent, at or above which a CLOSED circuit opens once the
   * window holds {@link #minimumCalls()} calls; empty when the policy is off (the default).
   *
   * @return the slow-call-rate threshold in percent, or empty when the policy is off
   */
  public OptionalDouble slowCallRateThreshold() {
    return slowCallRateThreshold > 0 ? OptionalDouble.of(slowCallRateThreshold) : OptionalDouble.empty();
  }

  /**
   * The fewest calls the window must hold before a rate policy may open the circuit (10).
   *
   * @return the fewest calls the window must hold for a rate policy to apply
   */
  public int minimumCalls() {
    return minimumCalls;
  }

  /**
   * Decides whether an exception the call threw is a failure (default: every exception).
   *
   * @return the predicate that is true for an exception that counts as a failure
   */
  public Predicate<Throwable> recordFailure() {
    return recordFailure;
  }

  /**
   * Decides whether a value a call returned counts as a failure (default: none does), for
   * services that report trouble in their answer, such as an HTTP response with status 503.
   *
   * @return the predicate that is true for a result that counts as a failure
   */
  public Predicate<Object> recordResult() {
    return recordResult;
  }

  /**
   * How long HALF_OPEN may go without a verdict before the breaker gives up on its trial calls,
   * returns to OPEN (as after a failed trial) and frees every trial slot. The default is 60
   * seconds, or twice the {@link #timeout()} when that is longer, so a trial that is still within
   * its deadline is never abandoned; {@link Duration#ZERO}, set explicitly, waits forever.
   *
   * @return the longest HALF_OPEN round without a verdict, or {@link Duration#ZERO} for no limit
   */
  public Duration maxHalfOpenWait() {
    return maxHalfOpenWait;
  }

  /**
   * Exception types (and subtypes) that count as neither success nor failure (default none).
   *
   * @return the ignored exception types; immutable
   */
  public Set<Class<? extends Throwable>> ignored() {
    return ignored;
  }

  /**
   * The time source for every time decision and duration (default {@link Ticker#coarse()}).
   *
   * @return the time source
   */
  public Ticker ticker() {
    return ticker;
  }

  // Package-private views in the units the breaker works in.

  long timeoutNanos() {
    return timeout.toNanos();
  }

  /** Null when no result counts as a failure, so the success path can skip the test. */
  Predicate<Object> rawRecordResult() {
    return recordResult == NO_RESULT ? null : recordResult;
  }

  private static Duration defaultMaxHalfOpenWait(Duration timeout) {
    Duration twice = timeout.multipliedBy(2);
    return twice.compareTo(DEFAULT_MAX_HALF_OPEN_WAIT) > 0 ? twice : DEFAULT_MAX_HALF_OPEN_WAIT;
  }

  double rawFailureRateThreshold() {
    return failureRateThreshold;
  }

  double rawSlowCallRateThreshold() {
    return slowCallRateThreshold;
  }

  /**
   * Names the fields in which this configuration differs from {@code other}, in declaration
   * order; empty when they are equal.
   */
  List<String> differences(CircuitBreakerConfig other) {
    List<String> fields = new ArrayList<>();
    diff(fields, "name", name, other.name);
    diff(fields, "failureThreshold", failureThreshold, other.failureThreshold);
    diff(fields, "successThreshold", successThreshold, other.successThreshold);
    diff(fields, "halfOpenMaxCalls", halfOpenMaxCalls, other.halfOpenMaxCalls);
    diff(fields, "timeout", timeout, other.timeout);
    diff(fields, "retryDelay", retryDelay, other.retryDelay);
    diff(fields, "backoffMultiplier", backoffMultiplier, other.backoffMultiplier);
    diff(fields, "maxRetryDelay", maxRetryDelay, other.maxRetryDelay);
    diff(fields, "retryJitter", retryJitter, other.retryJitter);
    diff(fields, "monitoringWindow", monitoringWindow, other.monitoringWindow);
    diff(fields, "failureRateThreshold", failureRateThreshold, other.failureRateThreshold);
    diff(fields, "slowCallDuration", slowCallDuration, other.slowCallDuration);
    diff(fields, "slowCallRateThreshold", slowCallRateThreshold, other.slowCallRateThreshold);
    diff(fields, "minimumCalls", minimumCalls, other.minimumCalls);
    diff(fields, "recordFailure", recordFailure, other.recordFailure);
    diff(fields, "recordResult", recordResult, other.recordResult);
    diff(fields, "maxHalfOpenWait", maxHalfOpenWait, other.maxHalfOpenWait);
    diff(fields, "ignore", ignored, other.ignored);
    diff(fields, "ticker", ticker, other.ticker);
    return fields;
  }

  private static void diff(List<String> fields, String field, Object mine, Object theirs) {
    if (!Objects.equals(mine, theirs)) {
      fields.add(field + " (" + mine + " vs " + theirs + ")");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CircuitBreakerConfig && differences((CircuitBreakerConfig) o).isEmpty();
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, failureThreshold, successThreshold, halfOpenMaxCalls, timeout,
        retryDelay, monitoringWindow, minimumCalls);
  }

  @Override
  public String toString() {
    return "CircuitBreakerConfig{name=" + name
        + ", failureThreshold=" + failureThreshold
        + ", successThreshold=" + successThreshold
        + ", halfOpenMaxCalls=" + halfOpenMaxCalls
        + ", timeout=" + timeout
        + ", retryDelay=" + retryDelay
        + (backoffMultiplier > 1 ? ", backoffMultiplier=" + backoffMultiplier
            + ", maxRetryDelay=" + maxRetryDelay : "")
        + (retryJitter > 0 ? ", retryJitter=" + retryJitter : "")
        + ", monitoringWindow=" + monitoringWindow
        + (failureRateThreshold > 0 ? ", failureRateThreshold=" + failureRateThreshold : "")
        + (slowCallDuration.isZero() ? "" : ", slowCallDuration=" + slowCallDuration)
        + (slowCallRateThreshold > 0 ? ", slowCallRateThreshold=" + slowCallRateThreshold : "")
        + ", minimumCalls=" + minimumCalls
        + ", maxHalfOpenWait=" + maxHalfOpenWait
        + (recordResult == NO_RESULT ? "" : ", recordResult=" + recordResult)
        + (ignored.isEmpty() ? "" : ", ignore=" + ignored)
        + "}";
  }

  /**
   * Builds a {@link CircuitBreakerConfig}. Each setter validates its argument at once
   * ({@link IllegalArgumentException} naming the field and the value); {@link #build()} checks
   * the combination ({@link IllegalStateException}). Not thread-safe.
   */
  public static final class Builder {
    private String name;
    private int failureThreshold = 5;
    private int successThreshold = 2;
    private int halfOpenMaxCalls; // 0 = follow successThreshold
    private Duration timeout = Duration.ofSeconds(30);
    private Duration retryDelay = Duration.ofSeconds(5);
    private double backoffMultiplier = 1.0;
    private Duration maxRetryDelay; // null = retryDelay
    private double retryJitter;
    private Duration monitoringWindow = Duration.ofSeconds(60);
    private double failureRateThreshold; // 0 = off
    private Duration slowCallDuration = Duration.ZERO;
    private double slowCallRateThreshold; // 0 = off
    private int minimumCalls = 10;
    private Predicate<Throwable> recordFailure = RECORD_ALL;
    private Predicate<Object> recordResult = NO_RESULT;
    private Duration maxHalfOpenWait; // null = derived from timeout
    private List<Class<? extends Throwable>> ignored = List.of();
    private Ticker ticker = Ticker.coarse();

    private Builder() {}

    private Builder(CircuitBreakerConfig c) {
      name = c.name;
      failureThreshold = c.failureThreshold;
      successThreshold = c.successThreshold;
      halfOpenMaxCalls = c.halfOpenMaxCallsSet ? c.halfOpenMaxCalls : 0;
      timeout = c.timeout;
      retryDelay = c.retryDelay;
      backoffMultiplier = c.backoffMultiplier;
      maxRetryDelay = c.maxRetryDelay.equals(c.retryDelay) ? null : c.maxRetryDelay;
      retryJitter = c.retryJitter;
      monitoringWindow = c.monitoringWindow;
      failureRateThreshold = c.failureRateThreshold;
      slowCallDuration = c.slowCallDuration;
      slowCallRateThreshold = c.slowCallRateThreshold;
      minimumCalls = c.minimumCalls;
      recordFailure = c.recordFailure;
      recordResult = c.recordResult;
      maxHalfOpenWait = c.maxHalfOpenWaitSet ? c.maxHalfOpenWait : null;
      ignored = List.copyOf(c.ignored);
      ticker = c.ticker;
    }

    /**
     * Sets the breaker's name.
     *
     * @param name the breaker's name; not blank
     * @return this builder
     * @throws IllegalArgumentException if {@code name} is null or blank
     */
    public Builder name(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank, was " + quote(name));
      }
      this.name = name;
      return this;
    }

    /**
     * Sets how many consecutive recorded failures in CLOSED open the circuit.
     *
     * @param failureThreshold consecutive failures that open the circuit
     * @return this builder
     * @throws IllegalArgumentException if {@code failureThreshold < 1}
     */
    public Builder failureThreshold(int failureThreshold) {
      this.failureThreshold = atLeastOne("failureThreshold", failureThreshold);
      return this;
    }

    /**
     * Sets how many successful trial calls in HALF_OPEN close the circuit.
     *
     * @param successThreshold trial successes that close the circuit
     * @return this builder
     * @throws IllegalArgumentException if {@code successThreshold < 1}
     */
    public Builder successThreshold(int successThreshold) {
      this.successThreshold = atLeastOne("successThreshold", successThreshold);
      return this;
    }

    /**
     * Sets how many trial calls HALF_OPEN lets run at once; further calls are rejected.
     *
     * @param halfOpenMaxCalls the most trial calls in flight at once
     * @return this builder
     * @throws IllegalArgumentException if {@code halfOpenMaxCalls < 1}
     */
    public Builder halfOpenMaxCalls(int halfOpenMaxCalls) {
      this.halfOpenMaxCalls = atLeastOne("halfOpenMaxCalls", halfOpenMaxCalls);
      return this;
    }

    /**
     * Sets the per-call deadline; {@link Duration#ZERO} turns timeouts off.
     *
     * @param timeout the longest a call may run; {@link Duration#ZERO} for no deadline
     * @return this builder
     * @throws IllegalArgumentException if negative, null, or longer than 365 days
     */
    public Builder timeout(Duration timeout) {
      this.timeout = duration("timeout", timeout);
      return this;
    }

    /**
     * Sets how long the circuit stays OPEN before it lets trial calls through.
     *
     * @param retryDelay how long an opened circuit waits before it lets trial calls through
     * @return this builder
     * @throws IllegalArgumentException if negative, null, or longer than 365 days
     */
    public Builder retryDelay(Duration retryDelay) {
      this.retryDelay = duration("retryDelay", retryDelay);
      return this;
    }

    /**
     * Makes the open delay grow by {@code multiplier} after each failed trial, up to
     * {@link #maxRetryDelay(Duration)}.
     *
     * @param multiplier the factor the open delay grows by after each failed trial; 1.0 means no
     *     backoff
     * @return this builder
     * @throws IllegalArgumentException if {@code multiplier} is not a finite number {@code >= 1}
     */
    public Builder backoffMultiplier(double multiplier) {
      if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
        throw new IllegalArgumentException("backoffMultiplier must be >= 1.0, was " + multiplier);
      }
      this.backoffMultiplier = multiplier;
      return this;
    }

    /**
     * Caps the open delay under backoff and jitter.
     *
     * @param maxRetryDelay the longest open delay; not less than the retry delay
     * @return this builder
     * @throws IllegalArgumentException if negative, null, or longer than 365 days
     */
    public Builder maxRetryDelay(Duration maxRetryDelay) {
      this.maxRetryDelay = duration("maxRetryDelay", maxRetryDelay);
      return this;
    }

    /**
     * Spreads each open delay at random by up to this fraction, so that many clients do not
     * probe a recovering service at the same instant.
     *
     * @param jitter the largest relative spread of a delay, as a fraction in [0, 1); 0 means none
     * @return this builder
     * @throws IllegalArgumentException if {@code jitter} is not in [0, 1)
     */
    public Builder retryJitter(double jitter) {
      if (!(jitter >= 0.0 && jitter < 1.0)) {
        throw new IllegalArgumentException("retryJitter must be in [0, 1), was " + jitter);
      }
      this.retryJitter = jitter;
      return this;
    }

    /**
     * Sets the length of the sliding time window (20 buckets, each 1/20 of the window).
     *
     * @param monitoringWindow the length of the sliding window
     * @return this builder
     * @throws IllegalArgumentException if shorter than 1 ms, null, or longer than 365 days
     */
    public Builder monitoringWindow(Duration monitoringWindow) {
      Duration window = duration("monitoringWindow", monitoringWindow);
      if (window.compareTo(Duration.ofMillis(1)) < 0) {
        throw new IllegalArgumentException("monitoringWindow must be >= PT0.001S, was " + window);
      }
      this.monitoringWindow = window;
      return this;
    }

    /**
     * Opens a CLOSED circuit when the window's failure rate reaches this percentage.
     *
     * @param percent the failure rate, in percent, at or above which the circuit opens
     * @return this builder
     * @throws IllegalArgumentException if not in (0, 100]
     */
    public Builder failureRateThreshold(double percent) {
      this.failureRateThreshold = percent("failureRateThreshold", percent);
      return this;
    }

    /**
     * Counts calls that take at least this long as slow; {@link Duration#ZERO} turns it off.
     *
     * @param slowCallDuration how long a call must take to count as slow; {@link Duration#ZERO} for
     *     never
     * @return this builder
     * @throws IllegalArgumentException if negative, null, or longer than 365 days
     */
    public Builder slowCallDuration(Duration slowCallDuration) {
      this.slowCallDuration = duration("slowCallDuration", slowCallDuration);
      return this;
    }

    /**
     * Opens a CLOSED circuit when the window's slow-call rate reaches this percentage; needs
     * {@link #slowCallDuration(Duration)}.
     *
     * @param percent the slow-call rate, in percent, at or above which the circuit opens
     * @return this builder
     * @throws IllegalArgumentException if not in (0, 100]
     */
    public Builder slowCallRateThreshold(double percent) {
      this.slowCallRateThreshold = percent("slowCallRateThreshold", percent);
      return this;
    }

    /**
     * Sets how many calls the window must hold before a rate policy may open the circuit.
     *
     * @param minimumCalls the fewest calls the window must hold for a rate policy to apply
     * @return this builder
     * @throws IllegalArgumentException if {@code minimumCalls < 1}
     */
    public Builder minimumCalls(int minimumCalls) {
      this.minimumCalls = atLeastOne("minimumCalls", minimumCalls);
      return this;
    }

    /**
     * Decides which exceptions count as failures; an exception for which the predicate is false
     * counts as a success (the service answered, the answer was an exception). {@link Error}s
     * always count as failures. If the predicate itself throws, the call counts as a failure and
     * the predicate's exception is logged.
     *
     * @param predicate true for an exception that counts as a failure
     * @return this builder
     * @throws NullPointerException if {@code predicate} is null
     */
    public Builder recordFailure(Predicate<Throwable> predicate) {
      this.recordFailure = Objects.requireNonNull(predicate, "recordFailure");
      return this;
    }

    /**
     * Decides which returned values count as failures, for services that report trouble in their
     * answer (an HTTP response with status 503, say) instead of throwing. Such a call is recorded
     * as a failure whose error is a {@link FailedResultException}; the caller still receives the
     * value, unless a {@link Fallback#onFailure fallback on failure} replaces it. If the predicate
     * itself throws, the call counts as a failure and the predicate's exception is logged.
     *
     * @param predicate true for a result that counts as a failure
     * @return this builder
     * @throws NullPointerException if {@code predicate} is null
     */
    public Builder recordResult(Predicate<Object> predicate) {
      this.recordResult = Objects.requireNonNull(predicate, "recordResult");
      return this;
    }

    /**
     * Sets how long HALF_OPEN may go without a verdict (enough trial successes to close, or a
     * failure) before the breaker abandons the round: it returns to OPEN as after a failed trial
     * and frees every trial slot, so trials that never end (a permit never ended, a future that
     * never completes) cannot hold the breaker in HALF_OPEN. Default: 60 s, or twice the timeout
     * when that is longer.
     *
     * @param maxHalfOpenWait the longest HALF_OPEN round without a verdict; {@link Duration#ZERO}
     *     to wait forever
     * @return this builder
     * @throws IllegalArgumentException if negative, null, or longer than 365 days
     */
    public Builder maxHalfOpenWait(Duration maxHalfOpenWait) {
      this.maxHalfOpenWait = duration("maxHalfOpenWait", maxHalfOpenWait);
      return this;
    }

    /**
     * Replaces the exception types (with their subtypes) that count as neither success nor
     * failure: the call's permit is released, nothing else is recorded but the ignored count.
     *
     * @param types the exception types to ignore; none to ignore nothing
     * @return this builder
     * @throws NullPointerException if the array or an element is null
     */
    @SafeVarargs
    public final Builder ignore(Class<? extends Throwable>... types) {
      Objects.requireNonNull(types, "ignore");
      List<Class<? extends Throwable>> copy = new ArrayList<>(types.length);
      for (Class<? extends Throwable> type : types) {
        copy.add(Objects.requireNonNull(type, "ignore must not contain null"));
      }
      this.ignored = List.copyOf(copy);
      return this;
    }

    /**
     * Sets the time source for every time decision and duration.
     *
     * @param ticker the time source
     * @return this builder
     * @throws NullPointerException if {@code ticker} is null
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the new configuration
     * @throws IllegalStateException if the fields do not fit together
     */
    public CircuitBreakerConfig build() {
      if (slowCallRateThreshold > 0 && slowCallDuration.isZero()) {
        throw new IllegalStateException(
            "slowCallRateThreshold (" + slowCallRateThreshold + ") needs a slowCallDuration > 0");
      }
      if (maxRetryDelay != null && maxRetryDelay.compareTo(retryDelay) < 0) {
        throw new IllegalStateException("maxRetryDelay (" + maxRetryDelay
            + ") must be >= retryDelay (" + retryDelay + ")");
      }
      if (monitoringWindow.toNanos() < WINDOW_BUCKETS) {
        throw new IllegalStateException("monitoringWindow too short: " + monitoringWindow);
      }
      return new CircuitBreakerConfig(this);
    }

    private static int atLeastOne(String field, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(field + " must be >= 1, was " + value);
      }
      return value;
    }

    private static double percent(String field, double value) {
      if (!(value > 0.0 && value <= 100.0)) {
        throw new IllegalArgumentException(field + " must be in (0, 100], was " + value);
      }
      return value;
    }

    private static Duration duration(String field, Duration value) {
      if (value == null) {
        throw new IllegalArgumentException(field + " must not be null");
      }
      if (value.isNegative()) {
        throw new IllegalArgumentException(field + " must not be negative, was " + value);
      }
      if (value.compareTo(MAX_DURATION) > 0) {
        throw new IllegalArgumentException(field + " must be <= " + MAX_DURATION + ", was " + value);
      }
      return value;
    }

    private static String quote(String s) {
      return s == null ? "null" : "\"" + s + "\"";
    }
  }

  /** The default result classification: no returned value is a failure. */
  private static final class NoResult implements Predicate<Object> {
    @Override
    public boolean test(Object result) {
      return false;
    }

    @Override
    public String toString() {
      return "no result";
    }
  }

  /** The default failure classification: every exception is a failure. */
  private static final class RecordAll implements Predicate<Throwable> {
    @Override
    public boolean test(Throwable t) {
      return true;
    }

    @Override
    public String toString() {
      return "every exception";
    }
  }
}
