package dev.breakwater.cli;

import dev.breakwater.CallNotPermittedException;
import dev.breakwater.newrelic.NerdGraphClient;
import dev.breakwater.newrelic.NerdGraphException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's reader: at a steady interval it runs an NRQL query through NerdGraph, alternating a
 * count of the streamed brokers and the dashboard's breaker-state widget, and counts how the
 * calls went (answered, failed, refused by the open circuit).
 */
final class NrqlPoller implements Runnable {
  private static final List<String> QUERIES = List.of(
      "SELECT count(*) FROM MessageQueueBroker SINCE 1 hour ago",
      "FROM CircuitBreakerMetric SELECT latest(state) FACET breakerName");

  private final NerdGraphClient nerdGraph;
  private final long accountId;
  private final long intervalNanos;
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private volatile String lastAnswer = "";
  private volatile boolean running = true;

  NrqlPoller(NerdGraphClient nerdGraph, long accountId, java.time.Duration interval) {
    this.nerdGraph = nerdGraph;
    this.accountId = accountId;
    this.intervalNanos = interval.toNanos();
  }

  long answered() {
    return answered.get();
  }

  long failed() {
    return failed.get();
  }

  long rejected() {
    return rejected.get();
  }

  String lastAnswer() {
    return lastAnswer;
  }

  void stop() {
    running = false;
  }

  @Override
  public void run() {
    for (int i = 0; running; i++) {
      String nrql = QUERIES.get(i % QUERIES.size());
      try {
        List<Map<String, Object>> rows = nerdGraph.nrql(accountId, nrql);
        answered.incrementAndGet();
        if (i % QUERIES.size() == 0 && !rows.isEmpty()) {
          lastAnswer = "NRQL count of brokers: " + rows.get(0).get("count");
        }
      } catch (CallNotPermittedException e) {
        rejected.incrementAndGet();
      } catch (NerdGraphException e) {
        failed.incrementAndGet();
      }
      try {
        TimeUnit.NANOSECONDS.sleep(intervalNanos); // polling interval
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
