package dev.breakwater.newrelic;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The background thread that moves batches from an {@link EventBuffer} to the Event API. When a
 * batch cannot be delivered (API failing, circuit open), it goes back to the buffer and the
 * sender waits, growing the wait from {@code minRetryWait} to {@code maxRetryWait}, before it tries
 * again; the first success resets the wait. Thread-safe.
 */
final class BufferedSender implements Runnable {
  private final String name;
  private final System.Logger log;
  private final DropLog drops;
  private final EventBuffer buffer;
  private final EventApiClient client;
  private final int batchSize;
  private final long lingerNanos;
  private final Backoff retryWait;
  private final Sleeper sleeper;
  private volatile boolean stopped;

  BufferedSender(String name, System.Logger log, EventBuffer buffer, DropLog drops, EventApiClient client,
      int batchSize, Duration linger, Backoff retryWait, Sleeper sleeper) {
    this.name = name;
    this.log = log;
    this.drops = drops;
    this.buffer = buffer;
    this.client = client;
    this.batchSize = batchSize;
    this.lingerNanos = linger.toNanos();
    this.retryWait = retryWait;
    this.sleeper = sleeper;
  }

  /** Makes the loop end after the batch in hand; the owner then interrupts it if need be. */
  void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    int failedRounds = 0;
    while (!stopped) {
      List<EventBuffer.Entry> batch;
      try {
        batch = buffer.take(batchSize, lingerNanos, TimeUnit.MILLISECONDS.toNanos(200));
      } catch (InterruptedException e) {
        return;
      }
      drops.logIfDue(); // drops counted while producers went quiet still get their line
      if (batch.isEmpty()) {
        continue;
      }
      DeliveryReport report = send(batch);
      buffer.resolve(batch, report);
      logDrops(report);
      if (report.undelivered().isEmpty()) {
        failedRounds = 0;
        continue;
      }
      failedRounds++;
      Duration wait = retryWait.delay(Math.min(failedRounds, 30));
      log.log(Level.DEBUG, () -> name + ": " + report.undelivered().size() + " events back in the buffer ("
          + report.undeliveredReason() + "); next try in " + wait);
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private DeliveryReport send(List<EventBuffer.Entry> batch) {
    List<Map<String, ?>> events = new ArrayList<>(batch.size());
    for (EventBuffer.Entry e : batch) {
      events.add(e.event());
    }
    try {
      return client.send(events);
    } catch (VirtualMachineError fatal) {
      log.log(Level.ERROR, name + ": sending a batch failed with " + fatal + "; keeping it buffered");
      return new DeliveryReport(0, List.of(), List.of(), events, fatal.getClass().getSimpleName(), 0, 0);
    } catch (RuntimeException | Error e) {
      // Never lose the batch to a bug or an unexpected failure: keep it for the next round.
      log.log(Level.ERROR, name + ": sending a batch failed unexpectedly; keeping it buffered", e);
      return new DeliveryReport(0, List.of(), List.of(), events, e.getClass().getSimpleName(), 0, 0);
    }
  }

  private void logDrops(DeliveryReport report) {
    int dropped = report.dropped().size() + report.rejected().size();
    if (dropped > 0) {
      String reason = !report.dropped().isEmpty() ? report.dropped().get(0).reason()
          : report.rejected().get(0).reason();
      log.log(Level.ERROR, "{0}: dropped {1} events New Relic refused or could not take (e.g. {2})",
          name, dropped, reason);
    }
  }
}
