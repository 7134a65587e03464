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
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The circuit breaker: admission through the current {@link BreakerState}, outcome recording
 * into {@link Counters} and the state's {@link SlidingWindow}, transitions by compare-and-set, and
 * events. On the success path of a CLOSED breaker it reads the state, the settings, the ticker
 * twice and a few fields, and writes two counters of the calling thread's own cell in the
 * lifetime counters and two in the window's: no lock, no atomic instruction, no allocation. An
 * outcome goes to the window of the state that admitted its call, so one that arrives after the
 * breaker moved on reaches the lifetime totals but never a newer state's window. Thread-safe.
 */
final class DefaultCircuitBreaker implements CircuitBreaker {
  private static final System.Logger LOG = System.getLogger("dev.breakwater.CircuitBreaker");
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(DefaultCircuitBreaker.class, "state", BreakerState.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String name;
  private final Ticker ticker;
  private final Counters counters = new Counters();
  private final ListenerList<CircuitBreakerEvent> listeners = new ListenerList<>();
  private volatile Settings settings;
  private volatile BreakerState state;
  private volatile Throwable lastError;

  DefaultCircuitBreaker(CircuitBreakerConfig config) {
    Objects.requireNonNull(config, "config");
    this.name = config.name();
    this.ticker = config.ticker();
    this.settings = new Settings(config);
    this.state = new ClosedState(newWindow(), new TrialSlots());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public CircuitBreakerConfig config() {
    return settings.config;
  }

  Ticker ticker() {
    return ticker;
  }

  BreakerState currentState() {
    return state;
  }

  long maxHalfOpenWaitNanos() {
    return settings.maxHalfOpenWaitNanos;
  }

  /**
   * Replaces the configuration, keeping state, counters and listeners. Thresholds, delays,
   * timeouts and classification apply from the next call; a new window length from the next
   * time the circuit closes or is reset.
   */
  void reconfigure(CircuitBreakerConfig next) {
    Objects.requireNonNull(next, "config");
    if (!next.name().equals(name)) {
      throw new IllegalArgumentException("cannot reconfigure CircuitBreaker '" + name
          + "' with the config of '" + next.name() + "'");
    }
    if (!next.ticker().equals(ticker)) {
      throw new IllegalArgumentException("cannot reconfigure CircuitBreaker '" + name
          + "' with another ticker (" + next.ticker() + " vs " + ticker
          + "): readings of different tickers cannot be compared");
    }
    settings = new Settings(next);
  }

  // ---- calls ----

  @Override
  public <T> T execute(Callable<T> callable) throws Exception {
    Objects.requireNonNull(callable, "callable");
    return invoke(callable, Task.CALLABLE, null);
  }

  @Override
  public <T> T execute(Callable<T> callable, Fallback<T> fallback) throws Exception {
    Objects.requireNonNull(callable, "callable");
    Objects.requireNonNull(fallback, "fallback");
    return invoke(callable, Task.CALLABLE, fallback);
  }

  @Override
  public <T> T call(Supplier<T> supplier) {
    Objects.requireNonNull(supplier, "supplier");
    return unchecked(supplier, Task.SUPPLIER, null);
  }

  @Override
  public <T> T call(Supplier<T> supplier, Fallback<T> fallback) {
    Objects.requireNonNull(supplier, "supplier");
    Objects.requireNonNull(fallback, "fallback");
    return unchecked(supplier, Task.SUPPLIER, fallback);
  }

  @Override
  public void run(Runnable runnable) {
    Objects.requireNonNull(runnable, "runnable");
    unchecked(runnable, Task.RUNNABLE, null);
  }

  private <T> T unchecked(Object task, int shape, Fallback<T> fallback) {
    try {
      return invoke(task, shape, fallback);
    } catch (Exception e) {
      // Only a sneakily thrown checked exception gets here; pass it on unchanged.
      throw Task.<RuntimeException>sneaky(e);
    }
  }

  private <T> T invoke(Object task, int shape, Fallback<T> fallback) throws Exception {
    BreakerState s = acquire();
    if (s == null) {
      CallNotPermittedException rejection = rejected();
      if (fallback != null) {
        return fallback.recover(rejection);
      }
      throw rejection;
    }
    Settings cfg = settings;
    if (cfg.timeoutNanos != 0) {
      return invokeWithTimeout(s, task, shape, fallback, cfg);
    }
    long start = ticker.read();
    T result;
    try {
      result = Task.run(task, shape);
    } catch (Throwable t) {
      return failed(s, start, t, fallback);
    }
    return returned(s, start, result, cfg, fallback);
  }

  private <T> T invokeWithTimeout(BreakerState s, Object task, int shape,
      Fallback<T> fallback, Settings cfg) throws Exception {
    Thread caller = Thread.currentThread();
    boolean interruptedBefore = caller.isInterrupted();
    // Deadlines are on nanoTime; the default ticker reuses this reading while it is precise.
    long now = System.nanoTime();
    long start = ticker == CoarseClock.TICKER ? CoarseClock.readGiven(now) : ticker.read();
    // This thread's reusable slot; a nested call, or a thread without a slot, takes a wheel entry.
    CallerDeadline slot = CallerDeadlines.INSTANCE.arm(now + cfg.timeoutNanos);
    SyncTimeout entry = null;
    if (slot == null) {
      entry = SyncTimeout.start(cfg.timeoutNanos);
    }
    T result = null;
    Throwable failure = null;
    try {
      result = Task.run(task, shape);
    } catch (Throwable t) {
      failure = t;
    }
    if (!(slot != null ? slot.disarm() : entry.callEnded())) {
      // Not ours to clear: an interrupt from before the call, or one from the deadline of an
      // enclosing call (holding this thread's slot, or on the wheel), which may have landed while
      // this one unwound.
      if (interruptedBefore || SyncTimeout.enclosingDeadlineFired(slot != null)) {
        caller.interrupt();
      }
      CallTimeoutException timeout = new CallTimeoutException(name, cfg.config.timeout(),
          failure instanceof Error ? null : failure);
      recordTimeout(s, start, timeout);
      if (failure instanceof Error error) {
        error.addSuppressed(timeout); // an Error propagates, deadline or not, and takes no fallback
        throw error;
      }
      if (fallback != null && fallback.coversFailures()) {
        return fallback.recover(timeout);
      }
      throw timeout;
    }
    if (failure != null) {
      return failed(s, start, failure, fallback);
    }
    return returned(s, start, result, cfg, fallback);
  }

  private <T> T failed(BreakerState s, long start, Throwable t, Fallback<T> fallback) throws Exception {
    OutcomeClassifier.Outcome outcome = recordThrowable(s, start, t);
    if (fallback != null && outcome == OutcomeClassifier.Outcome.FAILURE
        && fallback.coversFailures() && !(t instanceof Error)) {
      return fallback.recover(t);
    }
    throw asException(t);
  }

  private <T> T returned(BreakerState s, long start, T result, Settings cfg, Fallback<T> fallback) {
    if (cfg.recordResult == null) {
      recordSuccess(s, start, cfg);
      return result;
    }
    FailedResultException failure = recordReturned(s, start, result);
    if (failure != null && fallback != null && fallback.coversFailures()) {
      return fallback.recover(failure);
    }
    return result;
  }

  @Override
  public <T> CompletableFuture<T> executeAsync(Supplier<? extends CompletionStage<T>> supplier) {
    Objects.requireNonNull(supplier, "supplier");
    return startAsync(supplier, null);
  }

  @Override
  public <T> CompletableFuture<T> executeAsync(Supplier<? extends CompletionStage<T>> supplier,
      Fallback<T> fallback) {
    Objects.requireNonNull(supplier, "supplier");
    Objects.requireNonNull(fallback, "fallback");
    return startAsync(supplier, fallback);
  }

  private <T> CompletableFuture<T> startAsync(Supplier<? extends CompletionStage<T>> supplier,
      Fallback<T> fallback) {
    BreakerState s = acquire();
    if (s == null) {
      CallNotPermittedException rejection = rejected();
      if (fallback == null) {
        return CompletableFuture.failedFuture(rejection);
      }
      try {
        return CompletableFuture.completedFuture(fallback.recover(rejection));
      } catch (Throwable t) {
        return CompletableFuture.failedFuture(t);
      }
    }
    return new AsyncCall<T>(this, s, ticker.read(), fallback).start(supplier, settings.timeoutNanos);
  }

  @Override
  public Optional<Permit> tryAcquire() {
    BreakerState s = acquire();
    if (s == null) {
      recordRejection(); // no exception to build: nobody would see it
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
    return new CallNotPermittedException(name, recordRejection());
  }

  /** Counts a refused call and announces it; returns the state that refused it. */
  private CircuitState recordRejection() {
    counters.rejection();
    CircuitState current = state.state();
    if (listeners.wants(EventKind.REJECTED)) {
      listeners.emit(EventKind.REJECTED, new CircuitBreakerEvent.Rejected(name, current));
    }
    return current;
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

  /** Records a returned value: a success, or a failure if recordResult says so (returned). */
  FailedResultException recordReturned(BreakerState s, long start, Object result) {
    Predicate<Object> predicate = settings.recordResult;
    if (predicate != null && OutcomeClassifier.resultIsFailure(name, predicate, result)) {
      FailedResultException failure = new FailedResultException(name, result);
      recordFailure(s, start, failure, false);
      return failure;
    }
    recordSuccess(s, start);
    return null;
  }

  void recordSuccess(BreakerState s, long start) {
    recordSuccess(s, start, settings);
  }

  /** Records a success under {@code cfg}, the settings the call was made with. */
  private void recordSuccess(BreakerState s, long start, Settings cfg) {
    long end = ticker.read();
    long nanos = Math.max(0, end - start);
    long slowNanos = cfg.slowNanos;
    boolean slow = slowNanos > 0 && nanos >= slowNanos;
    s.window.advance(end);
    counters.success(nanos, slow);
    s.window.counters().success(nanos, slow);
    try {
      if (listeners.wants(EventKind.SUCCESS)) {
        listeners.emit(EventKind.SUCCESS, new CircuitBreakerEvent.Success(name, s.state(), Duration.ofNanos(nanos)));
      }
    } finally {
      s.onSuccess(this, slow); // even if a listener threw an Error: the permit's slot must not leak
    }
  }

  OutcomeClassifier.Outcome recordThrowable(BreakerState s, long start, Throwable t) {
    OutcomeClassifier.Outcome outcome = settings.classifier.classify(t);
    switch (outcome) {
      case IGNORED:
        recordIgnored(s, start, t);
        break;
      case SUCCESS:
        recordSuccess(s, start);
        break;
      default:
        recordFailure(s, start, t, isTimeout(t));
    }
    return outcome;
  }

  void recordTimeout(BreakerState s, long start, CallTimeoutException timeout) {
    recordFailure(s, start, timeout, true);
  }

  private void recordFailure(BreakerState s, long start, Throwable t, boolean timeout) {
    long end = ticker.read();
    long nanos = Math.max(0, end - start);
    long slowNanos = settings.slowNanos;
    boolean slow = slowNanos > 0 && nanos >= slowNanos;
    s.window.advance(end);
    counters.failure(nanos, timeout, slow);
    s.window.counters().failure(nanos, timeout, slow);
    lastError = t;
    try {
      int kind = timeout ? EventKind.TIMEOUT : EventKind.FAILURE;
      if (listeners.wants(kind)) {
        Duration elapsed = Duration.ofNanos(nanos);
        listeners.emit(kind, timeout
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
      if (listeners.wants(EventKind.IGNORED)) {
        Duration elapsed = Duration.ofNanos(Math.max(0, ticker.read() - start));
        listeners.emit(EventKind.IGNORED, new CircuitBreakerEvent.Ignored(name, s.state(), elapsed, Optional.ofNullable(t)));
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
    CircuitBreakerConfig config = settings.config;
    double failureThreshold = failure ? config.rawFailureRateThreshold() : 0;
    double slowThreshold = slow ? config.rawSlowCallRateThreshold() : 0;
    if (failureThreshold == 0 && slowThreshold == 0) {
      return;
    }
    SlidingWindow.Figures window = s.window.figures();
    long calls = window.calls();
    if (calls < config.minimumCalls()) {
      return;
    }
    double failureRate = window.failures() * 100.0 / calls;
    if (failureThreshold > 0 && failureRate >= failureThreshold) {
      open(s, String.format(java.util.Locale.ROOT, "failure rate %.1f%% >= %.1f%% over %d calls",
          failureRate, failureThreshold, calls), 0, s.slots());
      return;
    }
    double slowRate = window.slowCalls() * 100.0 / calls;
    if (slowThreshold > 0 && slowRate >= slowThreshold) {
      open(s, String.format(java.util.Locale.ROOT, "slow-call rate %.1f%% >= %.1f%% over %d calls",
          slowRate, slowThreshold, calls), 0, s.slots());
    }
  }

  void open(BreakerState from, String reason, int failedTrials, TrialSlots slots) {
    transition(from, new OpenState(ticker.read(), openDelayNanos(failedTrials), failedTrials,
        slots, from.window), reason);
  }

  void halfOpen(OpenState from, long now) {
    transition(from, new HalfOpenState(from.failedTrials(), from.slots(), now, from.window),
        "retry delay " + readable(from.delayNanos()) + " passed");
  }

  /** HALF_OPEN went {@code maxHalfOpenWait} without a verdict: OPEN again, every slot freed. */
  void abandonTrials(HalfOpenState from, int failedTrials) {
    transition(from, new OpenState(ticker.read(), openDelayNanos(failedTrials), failedTrials,
        new TrialSlots(), from.window),
        "no trial verdict within maxHalfOpenWait " + readable(settings.maxHalfOpenWaitNanos));
  }

  void close(HalfOpenState from, String reason) {
    transition(from, new ClosedState(newWindow(), from.slots()), reason);
  }

  /** A window starting now, for a CLOSED state about to be published. */
  private SlidingWindow newWindow() {
    Settings cfg = settings;
    return new SlidingWindow(cfg.config.monitoringWindow().toNanos(), cfg.slowNanos > 0, ticker.read());
  }

  private boolean transition(BreakerState from, BreakerState to, String reason) {
    if (!STATE.compareAndSet(this, from, to)) {
      return false;
    }
    stateChanged(from.state(), to.state(), reason);
    return true;
  }

  /** Announces a transition to every listener that wants state changes. */
  private void stateChanged(CircuitState from, CircuitState to, String reason) {
    if (listeners.wants(EventKind.STATE_CHANGED)) {
      listeners.emit(EventKind.STATE_CHANGED,
          new CircuitBreakerEvent.StateChanged(name, from, to, reason));
    }
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
    CircuitBreakerConfig config = settings.config;
    double base = config.retryDelay().toNanos() * Math.pow(config.backoffMultiplier(), failedTrials);
    double delay = Math.min(base, config.maxRetryDelay().toNanos());
    double jitter = config.retryJitter();
    if (jitter > 0) {
      delay *= 1 + jitter * (2 * ThreadLocalRandom.current().nextDouble() - 1);
    }
    return (long) delay;
  }

  /** Trial calls holding a slot of the current recovery right now; for tests and diagnostics. */
  int trialsInFlight() {
    TrialSlots slots = state.slots();
    return slots == null ? 0 : slots.inFlight();
  }

  // ---- state and management ----

  @Override
  public CircuitState state() {
    return settle().state();
  }

  /** Makes the time-based transitions that are due and returns the state that is current then. */
  private BreakerState settle() {
    BreakerState s = state;
    for (int i = 0; i < 4 && s.expire(this, ticker.read()); i++) {
      s = state;
    }
    return s;
  }

  @Override
  public CircuitBreakerStats stats() {
    BreakerState current = settle();
    current.window.advance(ticker.read());
    SlidingWindow.Figures window = current.window.figures();
    long successes = counters.successes();
    long failures = counters.failures();
    long outcomes = successes + failures;
    long duration = counters.durationNanos();
    Duration mean = outcomes == 0 ? Duration.ZERO : Duration.ofNanos(duration / outcomes);
    Throwable last = lastError;
    return new CircuitBreakerStats(name, current.state(), successes, failures,
        counters.timeouts(), counters.rejections(),
        counters.ignoredCalls(), mean,
        last == null ? Optional.empty() : Optional.of(last.toString()),
        window.calls(), window.failures(), window.slowCalls());
  }

  @Override
  public void reset() {
    reset("reset()");
  }

  @Override
  public void reset(String reason) {
    Objects.requireNonNull(reason, "reason");
    for (;;) {
      BreakerState from = state;
      if (STATE.compareAndSet(this, from, new ClosedState(newWindow(), new TrialSlots()))) {
        if (from.state() != CircuitState.CLOSED) {
          stateChanged(from.state(), CircuitState.CLOSED, reason);
        }
        if (listeners.wants(EventKind.RESET)) {
          listeners.emit(EventKind.RESET, new CircuitBreakerEvent.Reset(name));
        }
        return;
      }
    }
  }

  @Override
  public void openFor(Duration delay, String reason) {
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(reason, "reason");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was " + delay);
    }
    long delayNanos = delay.compareTo(CircuitBreakerConfig.MAX_DURATION) > 0
        ? CircuitBreakerConfig.MAX_DURATION.toNanos() : delay.toNanos();
    for (;;) {
      BreakerState from = state;
      if (from instanceof ManualState) {
        return;
      }
      TrialSlots slots = from.slots() == null ? new TrialSlots() : from.slots();
      if (transition(from, new OpenState(ticker.read(), delayNanos, 0, slots, from.window), reason)) {
        return;
      }
    }
  }

  @Override
  public void forceOpen() {
    forceOpen("forceOpen()");
  }

  @Override
  public void forceOpen(String reason) {
    moveToManual(CircuitState.FORCED_OPEN, Objects.requireNonNull(reason, "reason"));
  }

  @Override
  public void disable() {
    disable("disable()");
  }

  @Override
  public void disable(String reason) {
    moveToManual(CircuitState.DISABLED, Objects.requireNonNull(reason, "reason"));
  }

  private void moveToManual(CircuitState target, String reason) {
    for (;;) {
      BreakerState from = state;
      if (from.state() == target) {
        return;
      }
      if (STATE.compareAndSet(this, from, new ManualState(target, from.window))) {
        stateChanged(from.state(), target, reason);
        return;
      }
    }
  }

  @Override
  public Subscription onEvent(Consumer<? super CircuitBreakerEvent> listener) {
    return listeners.add(listener);
  }

  @Override
  public <E extends CircuitBreakerEvent> Subscription onEvent(Class<E> kind, Consumer<? super E> listener) {
    Objects.requireNonNull(kind, "kind");
    return listeners.add(EventKind.of(kind), listener);
  }

  @Override
  public Subscription onStateChange(Consumer<? super CircuitBreakerEvent.StateChanged> listener) {
    return listeners.add(EventKind.STATE_CHANGED, listener);
  }

  @Override
  public String toString() {
    return "CircuitBreaker{name=" + name + ", state=" + state.state() + "}";
  }

  /** Logs a failure of the user's {@code recordFailure} or {@code recordResult} predicate. */
  static void logClassifierFailure(String breaker, String predicate, Throwable t) {
    LOG.log(Level.WARNING, () -> predicate + " predicate of CircuitBreaker '" + breaker
        + "' threw; the call counts as a failure", t);
  }
}
