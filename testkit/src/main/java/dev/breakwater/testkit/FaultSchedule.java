package dev.breakwater.testkit;

import dev.breakwater.Ticker;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which requests {@link FakeNewRelic} answers with a {@link Fault}, per {@link Api}. For each
 * request the first applicable rule wins, in this order:
 * <ol>
 *   <li>the {@link #next} queue: each request takes one fault from its head (FIFO);
 *   <li>the first {@link #during} window, in the order added, that contains the fake's ticker
 *       reading when the request arrives, measured from when the fake started;
 *   <li>the {@link #always} fault.
 * </ol>
 * Drive {@code during} windows with a {@link ManualTicker} given to
 * {@link FakeNewRelic.Builder#ticker}.
 *
 * <p>This class is thread-safe: tests may change the schedule while requests are in flight.
 */
public final class FaultSchedule {
  private final Ticker ticker;
  private final long startNanos;
  private final Map<Api, Rules> rules = new EnumMap<>(Api.class);

  FaultSchedule(Ticker ticker, long startNanos) {
    this.ticker = ticker;
    this.startNanos = startNanos;
    for (Api api : Api.values()) {
      rules.put(api, new Rules());
    }
  }

  /**
   * Gives the fault to the next {@code times} requests to {@code api}, after any already queued.
   *
   * @param api the API
   * @param times how many requests get it
   * @param fault the fault
   * @return this schedule
   * @throws NullPointerException if {@code api} or {@code fault} is null
   * @throws IllegalArgumentException if {@code times} is less than 1, or the fault is a GraphQL
   *     error and {@code api} is not {@link Api#NERDGRAPH}
   */
  public synchronized FaultSchedule next(Api api, int times, Fault fault) {
    check(api, fault);
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, was " + times);
    }
    rules.get(api).next.add(new Pending(fault, times));
    return this;
  }

  /**
   * Gives the fault to every request to {@code api} that arrives while the fake's ticker is in
   * [start + from, start + until), where start is the reading when the fake started.
   *
   * @param api the API
   * @param from the start of the window, inclusive, measured from when the fake started
   * @param until the end of the window, exclusive
   * @param fault the fault
   * @return this schedule
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code from} is negative, {@code until} is not after
   *     {@code from}, or the fault is a GraphQL error and {@code api} is not
   *     {@link Api#NERDGRAPH}
   */
  public synchronized FaultSchedule during(Api api, Duration from, Duration until, Fault fault) {
    check(api, fault);
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    if (from.isNegative()) {
      throw new IllegalArgumentException("from must not be negative, was " + from);
    }
    if (until.compareTo(from) <= 0) {
      throw new IllegalArgumentException("until must be after from (" + from + "), was " + until);
    }
    rules.get(api).windows.add(new Window(from, until, fault));
    return this;
  }

  /**
   * Gives the fault to every request to {@code api} that neither the {@code next} queue nor a
   * {@code during} window claims, replacing any earlier {@code always} fault for that API.
   *
   * @param api the API
   * @param fault the fault
   * @return this schedule
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the fault is a GraphQL error and {@code api} is not
   *     {@link Api#NERDGRAPH}
   */
  public synchronized FaultSchedule always(Api api, Fault fault) {
    check(api, fault);
    rules.get(api).always = fault;
    return this;
  }

  /** Removes every fault for every API; later requests are answered normally. */
  public synchronized void clear() {
    for (Api api : Api.values()) {
      rules.put(api, new Rules());
    }
  }

  /**
   * Removes every fault for one API.
   *
   * @param api the API
   * @throws NullPointerException if {@code api} is null
   */
  public synchronized void clear(Api api) {
    rules.put(Objects.requireNonNull(api, "api"), new Rules());
  }

  /**
   * Describes the fault the next request to {@code api} would get now, without using it up, for
   * display in demos: for example {@code "HTTP 503 (next 2 requests)"},
   * {@code "dropped connection (from 10 s until 20 s)"} or {@code "latency 500 ms (always)"}.
   *
   * @param api the API
   * @return the description, or empty if the next request would be answered normally
   * @throws NullPointerException if {@code api} is null
   */
  public synchronized Optional<String> describeCurrent(Api api) {
    Rules r = rules.get(Objects.requireNonNull(api, "api"));
    Pending head = r.next.peek();
    if (head != null) {
      String requests = head.remaining == 1 ? " request)" : " requests)";
      return Optional.of(head.fault + " (next " + head.remaining + requests);
    }
    Optional<Window> window = currentWindow(r);
    if (window.isPresent()) {
      Window w = window.get();
      return Optional.of(w.fault + " (from " + format(w.from) + " until " + format(w.until)
          + ")");
    }
    return Optional.ofNullable(r.always).map(f -> f + " (always)");
  }

  /** Returns the fault for a request arriving now, using up a {@code next} entry if one applies. */
  synchronized Optional<Fault> take(Api api) {
    Rules r = rules.get(api);
    Pending head = r.next.peek();
    if (head != null) {
      if (--head.remaining == 0) {
        r.next.poll();
      }
      return Optional.of(head.fault);
    }
    return currentWindow(r).map(Window::fault).or(() -> Optional.ofNullable(r.always));
  }

  @Override
  public synchronized String toString() {
    return Arrays.stream(Api.values())
        .map(api -> api + "=" + describeCurrent(api).orElse("none"))
        .collect(Collectors.joining(", ", "FaultSchedule{", "}"));
  }

  private Optional<Window> currentWindow(Rules r) {
    long elapsed = ticker.read() - startNanos;
    return r.windows.stream().filter(w -> w.contains(elapsed)).findFirst();
  }

  private static void check(Api api, Fault fault) {
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(fault, "fault");
    if (fault.kind() == Fault.Kind.GRAPHQL_ERROR && api != Api.NERDGRAPH) {
      throw new IllegalArgumentException("a GraphQL error fault applies only to Api.NERDGRAPH, was "
          + api);
    }
  }

  private static String format(Duration d) {
    return d.getNano() == 0 ? d.getSeconds() + " s" : d.toMillis() + " ms";
  }

  /** The rules for one API. Guarded by the schedule's lock. */
  private static final class Rules {
    final ArrayDeque<Pending> next = new ArrayDeque<>();
    final List<Window> windows = new ArrayList<>();
    Fault always;
  }

  /** A {@code next} entry: a fault for the next {@code remaining} requests. */
  private static final class Pending {
    final Fault fault;
    int remaining;

    Pending(Fault fault, int remaining) {
      this.fault = fault;
      this.remaining = remaining;
    }
  }

  /** A {@code during} window, relative to the fake's start. */
  private record Window(Duration from, Duration until, Fault fault) {
    boolean contains(long elapsedNanos) {
      return elapsedNanos >= Durations.saturatedNanos(from)
          && elapsedNanos < Durations.saturatedNanos(until);
    }
  }
}
