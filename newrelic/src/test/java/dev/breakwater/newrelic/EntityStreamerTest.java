package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerEvent;
import dev.breakwater.CircuitState;
import dev.breakwater.testkit.Api;
import dev.breakwater.testkit.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The buffered streamer riding out Event API outages, against FakeNewRelic. */
class EntityStreamerTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final Fixture f = new Fixture();
  // A breaker that probes again after 100 ms, so recovery is quick; the guide's waits 10 s.
  private final CircuitBreaker breaker = CircuitBreaker.of(EventApiClient.defaultBreakerConfig().toBuilder()
      .retryDelay(Duration.ofMillis(100)).build());
  private final EventApiClient client = f.eventApi().breaker(breaker).maxRetries(1).build();
  private final List<EntityStreamer> streamers = new ArrayList<>();

  @AfterEach
  void close() {
    streamers.forEach(EntityStreamer::close);
    f.close();
  }

  private EntityStreamer.Builder streamer() {
    return EntityStreamer.builder(client)
        .batching(50, Duration.ofMillis(20))
        .retryWait(Duration.ofMillis(10), Duration.ofMillis(50))
        .closeTimeout(Duration.ofSeconds(10));
  }

  private EntityStreamer start(EntityStreamer.Builder b) {
    EntityStreamer s = b.build();
    streamers.add(s);
    return s;
  }

  private static Map<String, ?> broker(int id) {
    return Map.of("eventType", "MessageQueueBroker", "id", id, "name", "broker-" + (id % 7));
  }

  private List<Object> deliveredIds() {
    List<Object> ids = new ArrayList<>();
    f.fake.events("MessageQueueBroker").forEach(e -> ids.add(e.get("id")));
    return ids;
  }

  private CountDownLatch awaitState(CircuitState state) {
    CountDownLatch reached = new CountDownLatch(1);
    breaker.onEvent(e -> {
      if (e instanceof CircuitBreakerEvent.StateChanged c && c.to() == state) {
        reached.countDown();
      }
    });
    return reached;
  }

  private static void assertBalanced(StreamerStats s) {
    assertThat(s.accepted()).as("accepted = delivered + dropped + inBuffer")
        .isEqualTo(s.delivered() + s.dropped() + s.inBuffer());
  }

  @Test
  void anOutageOpensTheBreakerTheBufferHoldsAndEveryEventIsDeliveredExactlyOnceAfterRecovery()
      throws Exception {
    EntityStreamer streamer = start(streamer());
    CountDownLatch opened = awaitState(CircuitState.OPEN);
    int offered = 3_000;
    Thread producer = new Thread(() -> {
      for (int i = 0; i < offered; i++) {
        streamer.offer(broker(i));
        if (i % 100 == 0) {
          Thread.yield();
        }
      }
    });

    f.fake.faults().always(Api.EVENTS, Fault.status(503));
    producer.start();
    assertThat(opened.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("breaker opened").isTrue();
    producer.join(); // the producer kept offering while the API was down
    assertThat(streamer.stats().delivered()).isZero();
    assertThat(streamer.stats().inBuffer()).isEqualTo(offered);

    f.fake.faults().clear(); // New Relic recovers
    assertThat(f.fake.awaitEventCount(offered, WAIT)).as("all %d delivered", offered).isTrue();
    assertThat(streamer.flush(WAIT)).isTrue(); // and the streamer has settled its last batch

    List<Object> ids = deliveredIds();
    assertThat(ids).hasSize(offered);
    assertThat(new HashSet<>(ids)).hasSize(offered); // no duplicates
    Set<Object> expected = new HashSet<>();
    for (int i = 0; i < offered; i++) {
      expected.add(i);
    }
    assertThat(new HashSet<>(ids)).isEqualTo(expected);
    StreamerStats stats = streamer.stats();
    assertThat(stats.dropped()).isZero();
    assertThat(stats.delivered()).isEqualTo(offered);
    assertThat(stats.retries()).isPositive();
    assertBalanced(stats);
    assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void aTinyBufferAndALongOutageGiveAnExactReportedDropCount() throws Exception {
    EntityStreamer streamer = start(streamer().capacity(40, 1_000_000)
        .overflow(OverflowPolicy.DROP_NEWEST, Duration.ZERO));
    f.fake.faults().always(Api.EVENTS, Fault.status(503));
    int kept = 0;
    for (int i = 0; i < 300; i++) {
      if (streamer.offer(broker(i))) {
        kept++;
      }
    }
    StreamerStats during = streamer.stats();
    assertThat(kept).isEqualTo(40);
    assertThat(during.droppedOverflow()).isEqualTo(260);
    assertThat(during.accepted()).isEqualTo(300);
    assertBalanced(during);

    f.fake.faults().clear();
    assertThat(streamer.flush(WAIT)).isTrue();
    assertThat(deliveredIds()).hasSize(40).doesNotHaveDuplicates();
    StreamerStats after = streamer.stats();
    assertThat(after.delivered()).isEqualTo(40);
    assertThat(after.dropped()).isEqualTo(260);
    assertBalanced(after);
    assertThat(KeyLeakGuard.captured()).anySatisfy(line -> assertThat(line)
        .contains("breakwater-entity-streamer: buffer full (DROP_NEWEST), dropped 1 event since"));
  }

  @Test
  void dropOldestKeepsTheFreshestEvents() throws Exception {
    EntityStreamer streamer = start(streamer().capacity(10, 1_000_000)
        .overflow(OverflowPolicy.DROP_OLDEST, Duration.ZERO));
    f.fake.faults().always(Api.EVENTS, Fault.status(503));
    for (int i = 0; i < 100; i++) {
      assertThat(streamer.offer(broker(i))).isTrue();
    }
    f.fake.faults().clear();
    assertThat(streamer.flush(WAIT)).isTrue();
    assertThat(deliveredIds()).contains(99).hasSizeLessThanOrEqualTo(10).doesNotHaveDuplicates();
    assertThat(streamer.stats().dropped()).isEqualTo(100 - deliveredIds().size());
    assertBalanced(streamer.stats());
  }

  @Test
  void flushDeliversWhatWasOfferedBeforeIt() throws Exception {
    EntityStreamer streamer = start(streamer().batching(1000, Duration.ofHours(1)));
    for (int i = 0; i < 25; i++) {
      streamer.offer(broker(i));
    }
    assertThat(streamer.flush(WAIT)).isTrue();
    assertThat(deliveredIds()).hasSize(25);
    assertThat(streamer.stats().batches()).isEqualTo(1);
  }

  @Test
  void closeDrainsTheBuffer() {
    EntityStreamer streamer = start(streamer().batching(1000, Duration.ofHours(1)));
    for (int i = 0; i < 30; i++) {
      streamer.offer(broker(i));
    }
    streamer.close();
    assertThat(deliveredIds()).hasSize(30);
    assertThatThrownBy(() -> streamer.offer(broker(31))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closeGivesUpAfterItsTimeoutAndCountsWhatItDropped() {
    EntityStreamer streamer = start(streamer().closeTimeout(Duration.ofMillis(300)));
    f.fake.faults().always(Api.EVENTS, Fault.status(503));
    for (int i = 0; i < 20; i++) {
      streamer.offer(broker(i));
    }
    streamer.close();
    StreamerStats s = streamer.stats();
    assertThat(s.droppedOnClose()).isEqualTo(20);
    assertBalanced(s);
    assertThat(KeyLeakGuard.captured())
        .anySatisfy(line -> assertThat(line).contains("closed with 20 events undelivered"));
  }

  @Test
  void eventsNewRelicRefusesAreCountedAndNotRetried() throws Exception {
    EntityStreamer streamer = start(streamer());
    f.fake.faults().next(Api.EVENTS, 1, Fault.status(400));
    streamer.offer(broker(1));
    assertThat(streamer.flush(WAIT)).isTrue();
    assertThat(streamer.stats().droppedRefused()).isEqualTo(1);
    assertThat(f.fake.requests(Api.EVENTS)).hasSize(1);
  }

  @Test
  void anInvalidOfferIsRefusedAtOnceWithTheReason() {
    EntityStreamer streamer = start(streamer());
    assertThatThrownBy(() -> streamer.offer(Map.of("eventType", "Metric")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid event: eventType 'Metric' is reserved by New Relic");
    assertThat(streamer.stats().invalid()).isEqualTo(1);
    assertThat(streamer.stats().accepted()).isZero();
  }

  @Test
  void streamEntitiesSendsSynchronouslyAndThrowsOnFailure() {
    EntityStreamer streamer = start(streamer());
    streamer.streamEntities(List.of(broker(1), broker(2)));
    assertThat(deliveredIds()).containsExactly(1, 2);

    f.fake.faults().always(Api.EVENTS, Fault.status(503));
    assertThatThrownBy(() -> streamer.streamEntities(List.of(broker(3), Map.of("no", "type"))))
        .isInstanceOf(EventDeliveryException.class)
        .hasMessageContaining("2 of 2 events not delivered")
        .hasMessageContaining("1 invalid (first: eventType is missing)")
        .hasMessageContaining("1 undelivered")
        .satisfies(e -> assertThat(((EventDeliveryException) e).report().undelivered()).hasSize(1));
  }

  @Test
  void flaw09_aFailedBatchIsKeptAndDeliveredAfterRecovery() throws Exception {
    EntityStreamer streamer = start(streamer());
    f.fake.faults().next(Api.EVENTS, 4, Fault.status(500));
    for (int i = 0; i < 5; i++) {
      streamer.offer(broker(i));
    }
    assertThat(streamer.flush(WAIT)).isTrue();
    assertThat(deliveredIds()).containsExactly(0, 1, 2, 3, 4);
    assertThat(streamer.stats().dropped()).isZero();
  }

  @Test
  void theStreamerSendsWhatWasOfferedEvenIfTheCallerChangesItsMapLater() throws Exception {
    EntityStreamer streamer = start(streamer().batching(1000, Duration.ofHours(1)));
    Map<String, Object> reused = new java.util.HashMap<>(Map.of("eventType", "MessageQueueBroker", "id", 1));
    streamer.offer(reused);
    reused.put("id", 2);
    streamer.offer(reused);
    assertThat(streamer.flush(WAIT)).isTrue();
    assertThat(deliveredIds()).containsExactly(1, 2);
  }
}
