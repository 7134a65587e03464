package dev.breakwater;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The circuit breaker: admission through the current {@link BreakerState}, outcome recording
 * into {@link Counters} and the {@link SlidingWindow}, transitions by compare-and-set, and events.
 * On the success path of a CLOSED breaker it reads the state, the ticker twice and a few fields,
 * and writes two counters of the calling thread's own cell: no lock, no atomic instruction, no
 * allocation. Thread-safe.
 */
final class DefaultCircuitBreaker implements CircuitBreaker {
  private static final System.Logger LOG = System.getLogger("dev.breakwater.CircuitBreaker");
  private static final VarHandle STATE;
  private static final VarHandle TRIALS;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STATE = lookup.findVarHandle(DefaultCircuitBreaker.class, "state", BreakerState.class);
      TRIALS = lookup.findVarHandle(DefaultCircuitBreaker.class, "trialsInFlight", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final CircuitBreakerConfig config;
  private final String name;
  private final Ticker ticker;
  private final long timeoutNanos;
  private final long slowNanos;
  private final OutcomeClassifier classifier;
  private final Counters counters = new Counters();
  private final SlidingWindow window;
  private final ListenerList<CircuitBreakerEvent> listeners = new ListenerList<>();
  private volatile BreakerState state = new ClosedState();
  @SuppressWarnings("unused") // accessed through TRIALS
  private volatile int trialsInFlight;
  private volatile Throwable lastError;

  DefaultCircuitBreaker(CircuitBreakerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.name = config.name();
    this.ticker = config.ticker();
    this.timeoutNanos = config.timeoutNanos();
    this.slowNanos = config.slowCallDuration().toNanos();
    this.classifier = new OutcomeClassifier(config);
    this.window = new SlidingWindow(counters, config.monitoringWindow().toNanos(), slowNanos > 0,
        ticker.read());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public CircuitBreakerConfig config() {
    return config;
  }

  Ticker ticker() {
    return ticker;
  }

  BreakerState currentState() {
    return state;
  }

  // ---- calls ----

  @Override
  public <T> T execute(Callable<T> callable) throws Exception {
    Objects.requireNonNull(callable, "callable");
    BreakerState s = acquire();
    if (s == null) {
      throw rejected();
    }
    long start = ticker.read();
    if (timeoutNanos != 0) {
      return executeWithTimeout(s, start, callable);
    }
    T result;
    try {
      result = callable.call();
    } catch (Throwable t) {
      recordThrowable(s, start, t);
      throw asException(t);
    }
    recordSuccess(s, start);
    return result;
  }

  private <T> T executeWithTimeout(BreakerState s, long start, Callable<T> callable)
      throws Exception {
    Thread caller = Thread.currentThread();
    boolean interruptedBefore = caller.isInterrupted();
    SyncTimeout deadline = new SyncTimeout(caller);
    TimeoutWheel.INSTANCE.schedule(deadline, timeoutNanos);
    T result = null;
    Throwable failure = null;
    try {
      result = callable.call();
    } catch (Throwable t) {
      failure = t;
    }
    if (!deadline.callEnded()) {
      if (interruptedBefore) {
        caller.interrupt(); // not ours to clear
      }
      CallTimeoutException timeout = new CallTimeoutException(name, config.timeout(), failure);
      recordTimeout(s, start, timeout);
      throw timeout;
    }
    if (failure != null) {
      recordThrowable(s, start, failure);
      throw asException(failure);
    }
    recordSuccess(s, start);
    return result;
  }

  @Override
  public <T> CompletableFuture<T> executeAsync(Supplier<? extends CompletionStage<T>> supplier) {
    Objects.requireNonNull(supplier, "supplier");
    BreakerState s = acquire();
    if (s == null) {
      return CompletableFuture.failedFuture(rejected());
    }
    return new AsyncCall<T>(this, s, ticker.read()).start(supplier, timeoutNanos);
  }

  @Override
  public Optional<Permit> tryAcquire() {
    BreakerState s = acquire();
    if (s == null) {
      rejected();
      return Optional.empty();
    }
    return Optional.of(new CallPermit(this, s, ticker.read()));
  }

  /** Returns the state that permitted the call, or null if the call is rejected. */
  private BreakerState acquire() {
    for (;;) {
      BreakerState s = state;
      switch (s.admit(this)) {
        case BreakerState.PERMITTED:
          return s;
        case BreakerState.REJECTED:
          return null;
        default:
          // the state changed under us; ask the new one
      }
    }
  }

  private CallNotPermittedException rejected() {
    counters.rejection();
    CircuitState current = state.state();
    if (!listeners.isEmpty()) {
      listeners.emit(new CircuitBreakerEvent.Rejected(name, current));
    }
    return new CallNotPermittedException(name, current);
  }

  private static Exception asException(Throwable t) {
    if (t instanceof Error) {
      throw (Error) t;
    }
    if (t instanceof Exception) {
      return (Exception) t;
    }
    return new UndeclaredThrowableException(t);
  }

  // ---- outcomes ----

  void recordSuccess(BreakerState s, long start) {
    long end = ticker.read();
    long nanos = end - start;
    boolean slow = slowNanos > 0 && nanos >= slowNanos;
    window.advance(end);
    counters.success(nanos, slow);
    if (s != state) {
      window.excludeStale(false, slow);
    }
    try {
      if (!listeners.isEmpty()) {
        listeners.emit(new CircuitBreakerEvent.Success(name, s.state(), Duration.ofNanos(nanos)));
      }
    } finally {
      s.onSuccess(this, slow); // even if a listener threw an Error: the permit's slot must not leak
    }
  }

  void recordThrowable(BreakerState s, long start, Throwable t) {
    switch (classifier.classify(t)) {
      case IGNORED:
        recordIgnored(s, start, t);
        break;
      case SUCCESS:
        recordSuccess(s, start);
        break;
      default:
        recordFailure(s, start, t, isTimeout(t));
    }
  }

  void recordTimeout(BreakerState s, long start, CallTimeoutException timeout) {
    recordFailure(s, start, timeout, true);
  }

  private void recordFailure(BreakerState s, long start, Throwable t, boolean timeout) {
    long end = ticker.read();
    long nanos = end - start;
    boolean slow = slowNanos > 0 && nanos >= slowNanos;
    window.advance(end);
    counters.failure(nanos, timeout, slow);
    if (s != state) {
      window.excludeStale(true, slow);
    }
    lastError = t;
    try {
      if (!listeners.isEmpty()) {
        Duration elapsed = Duration.ofNanos(nanos);
        listeners.emit(timeout
            ? new CircuitBreakerEvent.Timeout(name, s.state(), elapsed, t)
            : new CircuitBreakerEvent.Failure(name, s.state(), elapsed, t));
      }
    } finally {
      s.onFailure(this, slow);
    }
  }

  void recordIgnored(BreakerState s, long start, Throwable t) {
    counters.ignored();
    try {
      if (!listeners.isEmpty()) {
        Duration elapsed = Duration.ofNanos(ticker.read() - start);
        listeners.emit(new CircuitBreakerEvent.Ignored(name, s.state(), elapsed, Optional.ofNullable(t)));
      }
    } finally {
      s.onIgnored(this);
    }
  }

  private static boolean isTimeout(Throwable t) {
    return t instanceof CallTimeoutException || t instanceof TimeoutException;
  }

  // ---- policies and transitions, called by the states ----

  /**
   * Opens a CLOSED circuit if a rate policy's threshold is reached over enough calls. A policy is
   * evaluated only when an outcome that raises its rate was just recorded: the failure rate after
   * a failure, the slow-call rate after a slow call.
   */
  void checkRatePolicies(ClosedState s, boolean failure, boolean slow) {
    double failureThreshold = failure ? config.rawFailureRateThreshold() : 0;
    double slowThreshold = slow ? config.rawSlowCallRateThreshold() : 0;
    if (failureThreshold == 0 && slowThreshold == 0) {
      return;
    }
    long calls = window.calls();
    if (calls < config.minimumCalls()) {
      return;
    }
    double failureRate = window.failures() * 100.0 / calls;
    if (failureThreshold > 0 && failureRate >= failureThreshold) {
      open(s, String.format("failure rate %.1f%% >= %.1f%% over %d calls",
          failureRate, failureThreshold, calls), 0);
      return;
    }
    double slowRate = window.slowCalls() * 100.0 / calls;
    if (slowThreshold > 0 && slowRate >= slowThreshold) {
      open(s, String.format("slow-call rate %.1f%% >= %.1f%% over %d calls",
          slowRate, slowThreshold, calls), 0);
    }
  }

  void open(BreakerState from, String reason, int failedTrials) {
    transition(from, new OpenState(ticker.read(), openDelayNanos(failedTrials), failedTrials), reason);
  }

  void halfOpen(OpenState from) {
    transition(from, new HalfOpenState(from.failedTrials()),
        "retry delay " + readable(from.delayNanos()) + " passed");
  }

  void close(HalfOpenState from, String reason) {
    transition(from, new ClosedState(), reason);
  }

  private boolean transition(BreakerState from, BreakerState to, String reason) {
    if (to instanceof ClosedState) {
      // Before the new state is visible, so its first calls never see the old window. If the
      // compare-and-set then fails, the window was emptied for nothing, which is harmless: only a
      // CLOSED state reads it, and entering CLOSED empties it again.
      window.clear(ticker.read());
    }
    if (!STATE.compareAndSet(this, from, to)) {
      return false;
    }
    if (!listeners.isEmpty()) {
      listeners.emit(new CircuitBreakerEvent.StateChanged(name, from.state(), to.state(), reason));
    }
    return true;
  }

  /** A delay for people: "750 ms", "5 s", "2.5 s". */
  static String readable(long nanos) {
    long millis = nanos / 1_000_000;
    if (millis < 1_000) {
      return millis + " ms";
    }
    return millis % 1_000 == 0 ? millis / 1_000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  /** The open delay after {@code failedTrials} failed trials: backoff, cap, then jitter. */
  private long openDelayNanos(int failedTrials) {
    double base = config.retryDelay().toNanos() * Math.pow(config.backoffMultiplier(), failedTrials);
    double delay = Math.min(base, config.maxRetryDelay().toNanos());
    double jitter = config.retryJitter();
    if (jitter > 0) {
      delay *= 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
    }
    return (long) delay;
  }

  boolean tryTakeTrialSlot() {
    int max = config.halfOpenMaxCalls();
    for (;;) {
      int inFlight = trialsInFlight;
      if (inFlight >= max) {
        return false;
      }
      if (TRIALS.compareAndSet(this, inFlight, inFlight + 1)) {
        return true;
      }
    }
  }

  void releaseTrialSlot() {
    TRIALS.getAndAdd(this, -1);
  }

  /** Trial calls holding a half-open slot right now; for tests and diagnostics. */
  int trialsInFlight() {
    return trialsInFlight;
  }

  // ---- state and management ----

  @Override
  public CircuitState state() {
    BreakerState s = state;
    if (s instanceof OpenState && ((OpenState) s).retryDue(ticker.read())) {
      halfOpen((OpenState) s);
      return state.state();
    }
    return s.state();
  }

  @Override
  public CircuitBreakerStats stats() {
    CircuitState current = state();
    window.advance(ticker.read());
    long successes = counters.successes();
    long failures = counters.failures();
    long outcomes = successes + failures;
    Duration mean = outcomes == 0 ? Duration.ZERO : Duration.ofNanos(counters.durationNanos() / outcomes);
    Throwable last = lastError;
    return new CircuitBreakerStats(name, current, successes, failures, counters.timeouts(),
        counters.rejections(), counters.ignoredCalls(), mean,
        last == null ? Optional.empty() : Optional.of(last.toString()),
        window.calls(), window.failures(), window.slowCalls());
  }

  @Override
  public void reset() {
    moveTo(new ClosedState(), "reset()");
    if (!listeners.isEmpty()) {
      listeners.emit(new CircuitBreakerEvent.Reset(name));
    }
  }

  @Override
  public void forceOpen() {
    moveTo(new ManualState(CircuitState.FORCED_OPEN), "forceOpen()");
  }

  @Override
  public void disable() {
    moveTo(new ManualState(CircuitState.DISABLED), "disable()");
  }

  private void moveTo(BreakerState to, String reason) {
    for (;;) {
      BreakerState from = state;
      if (from.state() == to.state() && !(to instanceof ClosedState)) {
        return;
      }
      if (to instanceof ClosedState) {
        window.clear(ticker.read()); // before the new state is visible, as in transition()
      }
      if (STATE.compareAndSet(this, from, to)) {
        if (from.state() != to.state() && !listeners.isEmpty()) {
          listeners.emit(new CircuitBreakerEvent.StateChanged(name, from.state(), to.state(), reason));
        }
        return;
      }
    }
  }

  @Override
  public AutoCloseable onEvent(Consumer<? super CircuitBreakerEvent> listener) {
    return listeners.add(listener);
  }

  @Override
  public String toString() {
    return "CircuitBreaker{name=" + name + ", state=" + state.state() + "}";
  }

  /** Logs a failure of the user's {@code recordFailure} predicate. */
  static void logClassifierFailure(String breaker, Throwable t) {
    LOG.log(Level.WARNING, () -> "recordFailure predicate of CircuitBreaker '" + breaker
        + "' threw; the call counts as a failure", t);
  }
}
