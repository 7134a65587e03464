package dev.breakwater.newrelic;

import dev.breakwater.Ticker;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs a streamer's overflow drops with counts, at most once per interval: the first drop at
 * once, later ones summed until the interval has passed. A full buffer under load drops
 * thousands of events a second; one line per drop would bury the log (and cost more than the
 * drop). Counting is a lock-free add, safe under the buffer's lock; logging happens outside it,
 * from {@link #logIfDue()}, which producers and the sender call. Thread-safe.
 */
final class DropLog {
  static final Duration INTERVAL = Duration.ofSeconds(10);

  private final String streamer;
  private final OverflowPolicy policy;
  private final System.Logger log;
  private final Ticker ticker;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong logged = new AtomicLong();
  private final AtomicLong nextLogAt;

  DropLog(String streamer, OverflowPolicy policy, System.Logger log, Ticker ticker) {
    this.streamer = streamer;
    this.policy = policy;
    this.log = log;
    this.ticker = ticker;
    this.nextLogAt = new AtomicLong(ticker.read());
  }

  /** Counts {@code n} events dropped because the buffer was full. */
  void dropped(long n) {
    pending.addAndGet(n);
  }

  /** Logs the drops counted since the last line, if there are any and the interval has passed. */
  void logIfDue() {
    if (pending.get() == 0) {
      return;
    }
    long now = ticker.read();
    long due = nextLogAt.get();
    if (now - due < 0 || !nextLogAt.compareAndSet(due, now + INTERVAL.toNanos())) {
      return;
    }
    write();
  }

  /** Logs whatever is counted now, interval or not (the streamer is closing). */
  void logNow() {
    write();
  }

  private void write() {
    long n = pending.getAndSet(0);
    if (n > 0) {
      long all = logged.addAndGet(n);
      log.log(Level.ERROR, "{0}: buffer full ({1}), dropped {2} since the last report of drops, {3} in all",
          streamer, policy, n == 1 ? "1 event" : n + " events", all);
    }
  }
}
