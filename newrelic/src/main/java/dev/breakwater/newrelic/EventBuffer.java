package dev.breakwater.newrelic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded, ordered buffer between producers and the sender. Events stay in it, counted against
 * its capacity, until New Relic accepts them or they are dropped; a batch that could not be
 * delivered goes back to the head, so order is kept and nothing is lost while the API is down.
 * Each event gets a sequence number; since batches leave and return at the head, the lowest
 * unresolved sequence number tells exactly which earlier events are settled, which is what
 * {@link #awaitResolved} waits on. Thread-safe (one lock; this is not a hot path).
 */
final class EventBuffer {
  /** One buffered event. */
  record Entry(long seq, Map<String, ?> event, int size, long enqueuedNanos) {}

  private final int capacity;
  private final long capacityBytes;
  private final LongConsumer onOverflowDrop;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition room = lock.newCondition();
  private final Condition settled = lock.newCondition();
  private final ArrayDeque<Entry> queue = new ArrayDeque<>();
  private List<Entry> inFlight = List.of();
  private long nextSeq = 1;
  private long flushTarget;
  private int count;
  private long bytes;
  private boolean closed;
  private boolean abandoned;

  private long accepted;
  private long delivered;
  private long droppedOverflow;
  private long droppedRefused;
  private long droppedOnClose;
  private long batches;
  private long retries;
  private long invalid;

  EventBuffer(int capacity, long capacityBytes) {
    this(capacity, capacityBytes, n -> { });
  }

  /**
   * A buffer that also tells {@code onOverflowDrop} of every event the overflow policy drops,
   * evictions included. It is called under the buffer's lock, so it must only count.
   */
  EventBuffer(int capacity, long capacityBytes, LongConsumer onOverflowDrop) {
    this.capacity = capacity;
    this.capacityBytes = capacityBytes;
    this.onOverflowDrop = onOverflowDrop;
  }

  /**
   * Adds an event, applying {@code policy} when full.
   *
   * @return false if the event (or, for DROP_OLDEST, nothing) was dropped; true if buffered
   * @throws IllegalStateException if the buffer is closed
   */
  boolean offer(Map<String, ?> event, int size, OverflowPolicy policy, long blockNanos)
      throws InterruptedException {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the streamer is closed");
      }
      accepted++;
      long remaining = blockNanos;
      while (count + 1 > capacity || bytes + size > capacityBytes) {
        if (size > capacityBytes || policy == OverflowPolicy.DROP_NEWEST) {
          overflowDrop();
          return false;
        }
        if (policy == OverflowPolicy.DROP_OLDEST) {
          Entry oldest = queue.pollFirst();
          if (oldest == null) { // everything buffered is being sent; the newcomer goes
            overflowDrop();
            return false;
          }
          count--;
          bytes -= oldest.size();
          overflowDrop();
          settled.signalAll();
          continue;
        }
        if (remaining <= 0) {
          overflowDrop();
          return false;
        }
        try {
          remaining = room.awaitNanos(remaining);
        } catch (InterruptedException e) {
          overflowDrop();
          throw e;
        }
        if (closed) {
          overflowDrop();
          return false;
        }
      }
      queue.addLast(new Entry(nextSeq++, event, size, System.nanoTime()));
      count++;
      bytes += size;
      work.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void overflowDrop() {
    droppedOverflow++;
    onOverflowDrop.accept(1);
  }

  void countInvalid() {
    lock.lock();
    try {
      invalid++;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for a batch worth sending: {@code max} events, or an event older than {@code lingerNanos},
   * or a flush or close covering the head. Returns the batch (now in flight), or an empty list if
   * the buffer is closed and empty, or if {@code stopWaiting} elapsed.
   */
  List<Entry> take(int max, long lingerNanos, long stopWaitingNanos) throws InterruptedException {
    lock.lock();
    try {
      long deadline = System.nanoTime() + stopWaitingNanos;
      for (;;) {
        Entry head = queue.peekFirst();
        if (head != null) {
          long waited = System.nanoTime() - head.enqueuedNanos();
          if (queue.size() >= max || waited >= lingerNanos || closed || flushTarget >= head.seq()) {
            List<Entry> batch = new ArrayList<>(Math.min(max, queue.size()));
            while (batch.size() < max && !queue.isEmpty()) {
              batch.add(queue.pollFirst());
            }
            inFlight = batch;
            return batch;
          }
          long wait = Math.min(lingerNanos - waited, deadline - System.nanoTime());
          if (wait <= 0) {
            return List.of();
          }
          work.awaitNanos(wait);
        } else {
          long wait = deadline - System.nanoTime();
          if (wait <= 0) {
            return List.of();
          }
          work.awaitNanos(wait);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Settles the in-flight batch with what the client reported; undelivered events return to the head. */
  void resolve(List<Entry> batch, DeliveryReport report) {
    lock.lock();
    try {
      Map<Map<String, ?>, Integer> retry = identityCounts(report.undelivered());
      List<Entry> requeue = new ArrayList<>();
      for (Entry e : batch) {
        Integer n = retry.get(e.event());
        if (n != null && n > 0) {
          retry.put(e.event(), n - 1);
          requeue.add(e);
        } else {
          count--;
          bytes -= e.size();
        }
      }
      if (abandoned) {
        // close() gave up while this batch was out: what did not get through is dropped, counted
        for (Entry e : requeue) {
          count--;
          bytes -= e.size();
        }
        droppedOnClose += requeue.size();
        requeue.clear();
      }
      for (int i = requeue.size() - 1; i >= 0; i--) {
        queue.addFirst(requeue.get(i));
      }
      delivered += report.delivered();
      droppedRefused += report.dropped().size() + report.rejected().size();
      batches += report.payloads();
      retries += report.retries() + (requeue.isEmpty() ? 0 : 1);
      inFlight = List.of();
      room.signalAll();
      settled.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private static Map<Map<String, ?>, Integer> identityCounts(List<Map<String, ?>> events) {
    Map<Map<String, ?>, Integer> counts = new IdentityHashMap<>();
    for (Map<String, ?> e : events) {
      counts.merge(e, 1, Integer::sum);
    }
    return counts;
  }

  /** Asks the sender to send everything up to the current last event without lingering. */
  long requestFlush() {
    lock.lock();
    try {
      long target = nextSeq - 1;
      flushTarget = Math.max(flushTarget, target);
      work.signalAll();
      return target;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until every event up to {@code target} is delivered or dropped. */
  boolean awaitResolved(long target, long nanos) throws InterruptedException {
    lock.lock();
    try {
      long remaining = nanos;
      while (lowestUnresolved() <= target) {
        if (remaining <= 0) {
          return false;
        }
        remaining = settled.awaitNanos(remaining);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private long lowestUnresolved() {
    if (!inFlight.isEmpty()) {
      return inFlight.get(0).seq();
    }
    Entry head = queue.peekFirst();
    return head == null ? Long.MAX_VALUE : head.seq();
  }

  /** Refuses further offers and wakes everyone. */
  void close() {
    lock.lock();
    try {
      closed = true;
      work.signalAll();
      room.signalAll();
    } finally {
      lock.unlock();
    }
  }

  boolean isEmpty() {
    lock.lock();
    try {
      return count == 0;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Gives up on what is still waiting (close timed out) and returns how many events were dropped.
   * A batch in flight stays with its sender, which settles it (undelivered events then count as
   * dropped on close); with {@code senderGone} it is dropped too.
   */
  long dropRemaining(boolean senderGone) {
    lock.lock();
    try {
      abandoned = true;
      List<Entry> dropped = new ArrayList<>(queue);
      queue.clear();
      if (senderGone) {
        dropped.addAll(inFlight);
        inFlight = List.of();
      }
      for (Entry e : dropped) {
        count--;
        bytes -= e.size();
      }
      droppedOnClose += dropped.size();
      settled.signalAll();
      return dropped.size();
    } finally {
      lock.unlock();
    }
  }

  StreamerStats stats() {
    lock.lock();
    try {
      return new StreamerStats(accepted, delivered, droppedOverflow, droppedRefused, droppedOnClose, count,
          bytes, batches, retries, invalid);
    } finally {
      lock.unlock();
    }
  }
}
