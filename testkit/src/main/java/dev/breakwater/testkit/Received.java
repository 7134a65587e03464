package dev.breakwater.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Everything the fake received: requests in arrival order, accepted and rejected events, metrics.
 * Waiters are woken on every change, and evaluate their condition outside the lock, so a slow
 * test predicate never holds up the server. Thread-safe.
 */
final class Received {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final AtomicLong arrivals = new AtomicLong();
  private final List<Sequenced> requests = new ArrayList<>();
  private final List<StoredEvent> events = new ArrayList<>();
  private final List<RejectedEvent> rejected = new ArrayList<>();
  private final List<ReceivedMetric> metrics = new ArrayList<>();
  private long version;

  /** Returns the arrival number of a request that has just arrived. */
  long arrived() {
    return arrivals.incrementAndGet();
  }

  /** Records a request; requests that finish out of order are put back in arrival order. */
  void record(long arrival, ReceivedRequest request) {
    update(() -> {
      int i = requests.size();
      while (i > 0 && requests.get(i - 1).arrival > arrival) {
        i--;
      }
      requests.add(i, new Sequenced(arrival, request));
    });
  }

  void addEvents(List<StoredEvent> accepted, List<RejectedEvent> refused) {
    update(() -> {
      events.addAll(accepted);
      rejected.addAll(refused);
    });
  }

  void addMetrics(List<ReceivedMetric> received) {
    update(() -> metrics.addAll(received));
  }

  void clear() {
    update(() -> {
      requests.clear();
      events.clear();
      rejected.clear();
      metrics.clear();
    });
  }

  List<ReceivedRequest> requests() {
    return read(() -> requests.stream().map(Sequenced::request).toList());
  }

  List<StoredEvent> storedEvents() {
    return read(() -> List.copyOf(events));
  }

  List<Map<String, Object>> events() {
    return read(() -> events.stream().map(StoredEvent::attributes).toList());
  }

  List<RejectedEvent> rejectedEvents() {
    return read(() -> List.copyOf(rejected));
  }

  List<ReceivedMetric> metrics() {
    return read(() -> List.copyOf(metrics));
  }

  /**
   * Waits until {@code condition} holds for a fresh snapshot, re-checking after every change.
   *
   * @return whether it held before the timeout
   */
  <T> boolean await(Supplier<T> snapshot, Predicate<? super T> condition, Duration timeout)
      throws InterruptedException {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
    }
    // capped so that adding it to nanoTime() cannot overflow; a century is still forever here
    long deadline = System.nanoTime() + Math.min(Durations.saturatedNanos(timeout),
        Long.MAX_VALUE / 4);
    while (true) {
      long seen = read(() -> version);
      if (condition.test(snapshot.get())) {
        return true;
      }
      lock.lock();
      try {
        long remaining = deadline - System.nanoTime();
        while (version == seen) {
          if (remaining <= 0) {
            return false;
          }
          remaining = changed.awaitNanos(remaining);
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private void update(Runnable change) {
    lock.lock();
    try {
      change.run();
      version++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private <T> T read(Supplier<T> reader) {
    lock.lock();
    try {
      return reader.get();
    } finally {
      lock.unlock();
    }
  }

  private record Sequenced(long arrival, ReceivedRequest request) {}
}
