package dev.breakwater.cli;

import dev.breakwater.newrelic.EntityStreamer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's producer: a continuous stream of message-queue entities (brokers and topics of a few
 * Kafka clusters) at a steady rate, each with a unique {@code demoEventId} so that the summary can
 * count exactly what arrived. Runs on its own thread until stopped.
 */
final class SyntheticEntities implements Runnable {
  static final String ID = "demoEventId";
  private static final List<String> TOPICS = List.of("orders", "payments", "inventory", "shipments",
      "clickstream", "notifications", "audit-log", "recommendations");

  private final EntityStreamer streamer;
  private final int ratePerSecond;
  private final SplittableRandom random;
  private final AtomicLong produced = new AtomicLong();
  private volatile boolean running = true;

  SyntheticEntities(EntityStreamer streamer, int ratePerSecond, long seed) {
    this.streamer = streamer;
    this.ratePerSecond = ratePerSecond;
    this.random = new SplittableRandom(seed);
  }

  long produced() {
    return produced.get();
  }

  void stop() {
    running = false;
  }

  @Override
  public void run() {
    long start = System.nanoTime();
    while (running) {
      long due = (System.nanoTime() - start) * ratePerSecond / 1_000_000_000L;
      while (produced.get() < due && running) {
        streamer.offer(next(produced.get()));
        produced.incrementAndGet();
      }
      try {
        TimeUnit.MILLISECONDS.sleep(5); // pacing the producer, not waiting for anything
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private Map<String, Object> next(long id) {
    Map<String, Object> e = new LinkedHashMap<>();
    int cluster = random.nextInt(3);
    e.put("timestamp", System.currentTimeMillis());
    e.put(ID, id);
    e.put("clusterName", "kafka-prod-" + (cluster + 1));
    if (id % 3 == 0) {
      e.put("eventType", "MessageQueueBroker");
      e.put("brokerId", cluster * 10 + random.nextInt(4));
      e.put("bytesInPerSecond", Math.round(random.nextDouble(2e5, 9e5)));
      e.put("messagesInPerSecond", Math.round(random.nextDouble(800, 4000)));
      e.put("underReplicatedPartitions", random.nextInt(10) == 0 ? random.nextInt(1, 4) : 0);
      e.put("cpuPercent", Math.round(random.nextDouble(20, 85) * 10) / 10.0);
    } else {
      e.put("eventType", "MessageQueueTopic");
      e.put("topicName", TOPICS.get(random.nextInt(TOPICS.size())));
      e.put("partitions", 12);
      e.put("consumerLag", random.nextInt(5_000));
      e.put("messagesInPerSecond", Math.round(random.nextDouble(50, 1200)));
    }
    return e;
  }
}
