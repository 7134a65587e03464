package dev.breakwater.simulator;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerEvent;
import dev.breakwater.Subscription;
import dev.breakwater.Ticker;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Records a breaker's traffic in production as a trace file that {@link Workload#trace(Path)}
 * replays: one line per call ({@code offset_ms,duration_ms,outcome,error}), written in the order
 * calls end. Offsets count from {@link #attach}, on the breaker's ticker; times are whole
 * milliseconds. A call the breaker rejected is written with the error {@code rejected} (its
 * outcome a placeholder: that of the call before it; the simulator fills it in from the nearest
 * recorded call). Ignored calls are left out: they do not move the breaker.
 *
 * <pre>{@code
 * try (TraceRecorder recorder = TraceRecorder.attach(breaker, Path.of("inventory-trace.csv"))) {
 *   serveTraffic();
 * }
 * }</pre>
 *
 * <p>The calling thread only puts the call into a bounded buffer (one compare-and-set, no lock,
 * no I/O); a background daemon thread writes the file. If the buffer is full, the call is not
 * recorded and counted in {@link #dropped()}, so a slow disk never slows the service. The
 * breaker's event listener allocates an event per call while the recorder is attached. Thread-safe.
 */
public final class TraceRecorder implements Closeable {
  /** The buffer's default size: a few seconds of heavy traffic. */
  public static final int DEFAULT_CAPACITY = 65_536;
  static final byte SUCCESS = Calls.SUCCESS;
  static final byte FAILURE = Calls.FAILURE;
  static final byte TIMEOUT = Calls.TIMEOUT;
  static final byte REJECTED = 4;
  private static final long IDLE_PARK_NANOS = 20_000_000L;

  private final Ticker ticker;
  private final long origin;
  private final TraceBuffer buffer;
  private final Writer out;
  private final CircuitBreaker breaker;
  private final Thread writer;
  private Subscription subscription;
  private final StringBuilder line = new StringBuilder(96);
  private volatile boolean closing;
  private volatile IOException failure;
  private volatile long written;
  private byte lastOutcome = SUCCESS;
  private long lastDuration;
  private boolean closed;

  private TraceRecorder(CircuitBreaker breaker, Writer out, int capacity) throws IOException {
    this.breaker = breaker;
    this.ticker = breaker.config().ticker();
    this.buffer = new TraceBuffer(capacity);
    this.out = out;
    out.write(TraceLine.HEADER);
    out.write('\n');
    this.origin = ticker.read();
    this.writer = new Thread(this::writeLoop, "breakwater-trace-" + breaker.name());
    writer.setDaemon(true);
  }

  /** Starts the writer and subscribes; outside the constructor, so no half-built recorder is seen. */
  private TraceRecorder start() {
    writer.start();
    subscription = breaker.onEvent(new Listener());
    return this;
  }

  /**
   * Starts recording {@code breaker}'s calls into {@code file} (replaced if it exists), with a
   * buffer of {@value #DEFAULT_CAPACITY} calls.
   *
   * @param breaker the breaker whose calls to record
   * @param file where to write the trace, UTF-8
   * @return the recorder; close it to stop recording and finish the file
   * @throws IOException if the file cannot be opened
   * @throws NullPointerException if an argument is null
   */
  public static TraceRecorder attach(CircuitBreaker breaker, Path file) throws IOException {
    Objects.requireNonNull(breaker, "breaker");
    return new TraceRecorder(breaker, Files.newBufferedWriter(file, StandardCharsets.UTF_8), DEFAULT_CAPACITY).start();
  }

  /**
   * Starts recording {@code breaker}'s calls into {@code out}, which the recorder closes when it
   * is closed.
   *
   * @param breaker the breaker whose calls to record
   * @param out where to write the trace
   * @param capacity how many calls the buffer holds before it drops calls, at least 2
   * @return the recorder; close it to stop recording and finish the trace
   * @throws IOException if the header cannot be written
   * @throws IllegalArgumentException if {@code capacity < 2} or above 2^30
   * @throws NullPointerException if an argument is null
   */
  public static TraceRecorder attach(CircuitBreaker breaker, Writer out, int capacity) throws IOException {
    Objects.requireNonNull(breaker, "breaker");
    Objects.requireNonNull(out, "out");
    if (capacity < 2 || capacity > 1 << 30) {
      throw new IllegalArgumentException("capacity must be in [2, 2^30], was " + capacity);
    }
    return new TraceRecorder(breaker, out instanceof BufferedWriter ? out : new BufferedWriter(out), capacity).start();
  }

  /**
   * Returns how many calls have been written so far.
   *
   * @return the number of trace lines written
   */
  public long recorded() {
    return written;
  }

  /**
   * Returns how many calls were not recorded because the buffer was full.
   *
   * @return the number of calls dropped
   */
  public long dropped() {
    return buffer.dropped();
  }

  /**
   * Stops recording, writes every buffered call and closes the output. Calls that end after this
   * are not recorded. Closing twice does nothing.
   *
   * @throws IOException if writing the trace failed, now or earlier in the background
   */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    subscription.close();
    closing = true;
    LockSupport.unpark(writer);
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    try {
      if (failure == null) {
        drainAndFlush();
      }
    } catch (IOException e) {
      failure = e;
    } finally {
      try {
        out.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void writeLoop() {
    try {
      while (!closing) {
        if (drainAndFlush() == 0) {
          LockSupport.parkNanos(this, IDLE_PARK_NANOS);
        }
      }
    } catch (IOException e) {
      failure = e;
    }
  }

  /** Writes what is buffered; flushes when the buffer ran dry. Writer thread, then close() only. */
  private int drainAndFlush() throws IOException {
    int count = buffer.drain(this::write);
    if (count > 0) {
      out.flush();
    }
    return count;
  }

  private void write(long offsetNanos, long durationNanos, byte kind, String error) {
    line.setLength(0);
    if (kind == REJECTED) {
      TraceLine.append(line, wholeMillis(offsetNanos), lastDuration, lastOutcome, TraceLine.REJECTED);
    } else {
      lastOutcome = kind;
      lastDuration = wholeMillis(durationNanos);
      TraceLine.append(line, wholeMillis(offsetNanos), lastDuration, kind, kind == SUCCESS ? "" : error);
    }
    line.append('\n');
    try {
      out.append(line);
      written++;
    } catch (IOException e) {
      failure = e;
      closing = true;
    }
  }

  /** Rounded to the millisecond; a call that started before the recorder was attached starts at 0. */
  private static long wholeMillis(long nanos) {
    return Math.max(0, Math.floorDiv(nanos + 500_000L, 1_000_000L)) * 1_000_000L;
  }

  /** Turns each call's event into a buffer entry on the calling thread. */
  private final class Listener implements Consumer<CircuitBreakerEvent> {
    @Override
    public void accept(CircuitBreakerEvent event) {
      if (event instanceof CircuitBreakerEvent.Success s) {
        outcome(s.elapsed().toNanos(), SUCCESS, null);
      } else if (event instanceof CircuitBreakerEvent.Failure f) {
        outcome(f.elapsed().toNanos(), FAILURE, f.error().getClass().getName());
      } else if (event instanceof CircuitBreakerEvent.Timeout t) {
        outcome(t.elapsed().toNanos(), TIMEOUT, t.error().getClass().getName());
      } else if (event instanceof CircuitBreakerEvent.Rejected) {
        buffer.offer(ticker.read() - origin, 0, REJECTED, null);
      }
    }

    private void outcome(long elapsed, byte kind, String error) {
      buffer.offer(ticker.read() - elapsed - origin, elapsed, kind, error);
    }
  }
}
