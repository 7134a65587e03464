package dev.breakwater;

/**
 * A monotonic time source, read in nanoseconds. Every time decision a circuit breaker makes (when
 * an open circuit may try again, which window bucket a call falls in) and every duration it
 * measures comes from its one ticker; only the timeout timer runs on real time.
 *
 * <p>Tests inject a manual ticker and advance it instead of sleeping. Implementations must be
 * thread-safe and must never go backwards for a single reading thread.
 */
@FunctionalInterface
public interface Ticker {

  /**
   * Returns the current reading in nanoseconds. Only differences between readings are meaningful.
   *
   * @return nanoseconds since an arbitrary, fixed origin
   */
  long read();

  /**
   * Returns the precise ticker: {@link System#nanoTime()} on every read. Use it when single-call
   * durations must be exact to the nanosecond; it costs about 20 ns per read on typical Linux
   * machines, and a breaker reads it twice per call.
   *
   * @return the precise system ticker
   */
  static Ticker system() {
    return SystemTicker.INSTANCE;
  }

  /**
   * Returns the coarse ticker, the default of {@link CircuitBreakerConfig}: a reading of
   * {@link System#nanoTime()} refreshed about once per millisecond by one shared daemon thread, so
   * a read costs a memory load instead of a clock call. Each reading lags the precise clock by at
   * most about one tick (1 ms, more if the machine is overloaded); a single duration is therefore
   * exact to about ±1 ms, and because call start times fall at random within a tick, the mean of
   * many durations is unbiased. The refresh thread stops after a second without readers and
   * restarts on the next read, which is then served from the precise clock.
   *
   * @return the shared coarse ticker
   */
  static Ticker coarse() {
    return CoarseClock.TICKER;
  }
}
