package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The streamer's buffer on its own: capacity, overflow policies, order, and settling. */
class EventBufferTest {
  private static final long NO_WAIT = 0;

  private static Map<String, ?> event(int id) {
    return Map.of("eventType", "T", "id", id);
  }

  private static void assertBalanced(EventBuffer b) {
    StreamerStats s = b.stats();
    assertThat(s.accepted()).as("accepted = delivered + dropped + inBuffer")
        .isEqualTo(s.delivered() + s.dropped() + s.inBuffer());
  }

  private static DeliveryReport delivered(List<EventBuffer.Entry> batch) {
    return new DeliveryReport(batch.size(), List.of(), List.of(), List.of(), "", 1, 0);
  }

  private static DeliveryReport undelivered(List<EventBuffer.Entry> batch) {
    List<Map<String, ?>> events = new ArrayList<>();
    batch.forEach(e -> events.add(e.event()));
    return new DeliveryReport(0, List.of(), List.of(), events, "circuit open", 0, 0);
  }

  @Test
  void dropNewestRefusesTheNewcomerAndCountsIt() throws Exception {
    EventBuffer b = new EventBuffer(2, 1_000_000);
    assertThat(b.offer(event(1), 10, OverflowPolicy.DROP_NEWEST, NO_WAIT)).isTrue();
    assertThat(b.offer(event(2), 10, OverflowPolicy.DROP_NEWEST, NO_WAIT)).isTrue();
    assertThat(b.offer(event(3), 10, OverflowPolicy.DROP_NEWEST, NO_WAIT)).isFalse();
    assertThat(b.stats().droppedOverflow()).isEqualTo(1);
    assertThat(b.take(10, 0, 0)).extracting(e -> (Object) e.event().get("id")).containsExactly(1, 2);
    assertBalanced(b);
  }

  @Test
  void dropOldestEvictsTheOldestWaitingEventButNeverOneInFlight() throws Exception {
    EventBuffer b = new EventBuffer(2, 1_000_000);
    b.offer(event(1), 10, OverflowPolicy.DROP_OLDEST, NO_WAIT);
    b.offer(event(2), 10, OverflowPolicy.DROP_OLDEST, NO_WAIT);
    assertThat(b.offer(event(3), 10, OverflowPolicy.DROP_OLDEST, NO_WAIT)).isTrue();
    List<EventBuffer.Entry> inFlight = b.take(1, 0, 0);
    assertThat(inFlight).extracting(e -> (Object) e.event().get("id")).containsExactly(2);
    assertThat(b.offer(event(4), 10, OverflowPolicy.DROP_OLDEST, NO_WAIT)).isTrue(); // evicts 3
    assertThat(b.offer(event(5), 10, OverflowPolicy.DROP_OLDEST, NO_WAIT)).isTrue(); // evicts 4
    b.resolve(inFlight, delivered(inFlight));
    assertThat(b.take(10, 0, 0)).extracting(e -> (Object) e.event().get("id")).containsExactly(5);
    assertThat(b.stats().droppedOverflow()).isEqualTo(3);
    assertBalanced(b);
  }

  @Test
  void blockWaitsForRoomThenGivesUpAndCounts() throws Exception {
    EventBuffer b = new EventBuffer(1, 1_000_000);
    b.offer(event(1), 10, OverflowPolicy.BLOCK, NO_WAIT);
    assertThat(b.offer(event(2), 10, OverflowPolicy.BLOCK, TimeUnit.MILLISECONDS.toNanos(20))).isFalse();
    assertThat(b.stats().droppedOverflow()).isEqualTo(1);
    List<EventBuffer.Entry> batch = b.take(1, 0, 0);
    Thread producer = new Thread(() -> {
      try {
        b.offer(event(3), 10, OverflowPolicy.BLOCK, TimeUnit.SECONDS.toNanos(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    producer.start();
    b.resolve(batch, delivered(batch)); // frees the room the producer waits for
    producer.join();
    assertThat(b.stats().inBuffer()).isEqualTo(1);
    assertBalanced(b);
  }

  @Test
  void byteCapacityCountsToo() throws Exception {
    EventBuffer b = new EventBuffer(100, 25);
    assertThat(b.offer(event(1), 20, OverflowPolicy.DROP_NEWEST, NO_WAIT)).isTrue();
    assertThat(b.offer(event(2), 20, OverflowPolicy.DROP_NEWEST, NO_WAIT)).isFalse();
    assertThat(b.offer(event(3), 26, OverflowPolicy.DROP_OLDEST, NO_WAIT)).as("larger than the buffer").isFalse();
    assertThat(b.stats().bufferedBytes()).isEqualTo(20);
    assertBalanced(b);
  }

  @Test
  void anUndeliveredBatchReturnsToTheHeadInOrder() throws Exception {
    EventBuffer b = new EventBuffer(10, 1_000_000);
    for (int i = 1; i <= 5; i++) {
      b.offer(event(i), 10, OverflowPolicy.DROP_NEWEST, NO_WAIT);
    }
    List<EventBuffer.Entry> first = b.take(3, 0, 0);
    b.offer(event(6), 10, OverflowPolicy.DROP_NEWEST, NO_WAIT);
    b.resolve(first, undelivered(first));
    assertThat(b.take(10, 0, 0)).extracting(e -> (Object) e.event().get("id")).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(b.stats().retries()).isEqualTo(1);
    assertBalanced(b);
  }

  @Test
  void flushWaitsOnlyForEventsOfferedBeforeIt() throws Exception {
    EventBuffer b = new EventBuffer(10, 1_000_000);
    b.offer(event(1), 10, OverflowPolicy.DROP_NEWEST, NO_WAIT);
    long target = b.requestFlush();
    b.offer(event(2), 10, OverflowPolicy.DROP_NEWEST, NO_WAIT);
    List<EventBuffer.Entry> batch = b.take(1, Long.MAX_VALUE, 0); // the flush makes it go at once
    assertThat(batch).hasSize(1);
    assertThat(b.awaitResolved(target, 0)).isFalse();
    b.resolve(batch, delivered(batch));
    assertThat(b.awaitResolved(target, 0)).isTrue();
    assertThat(b.stats().inBuffer()).isEqualTo(1);
  }

  @Test
  void closeRefusesOffersAndDropRemainingCountsWhatIsLeft() throws Exception {
    EventBuffer b = new EventBuffer(10, 1_000_000);
    b.offer(event(1), 10, OverflowPolicy.DROP_NEWEST, NO_WAIT);
    b.offer(event(2), 10, OverflowPolicy.DROP_NEWEST, NO_WAIT);
    b.close();
    assertThatThrownBy(() -> b.offer(event(3), 10, OverflowPolicy.DROP_NEWEST, NO_WAIT))
        .isInstanceOf(IllegalStateException.class).hasMessage("the streamer is closed");
    assertThat(b.dropRemaining(false)).isEqualTo(2);
    assertThat(b.stats().droppedOnClose()).isEqualTo(2);
    assertBalanced(b);
  }

  @Test
  void aBatchStillInFlightWhenCloseGivesUpIsSettledByItsSenderWithoutDoubleCounting() throws Exception {
    EventBuffer b = new EventBuffer(10, 1_000_000);
    for (int i = 1; i <= 5; i++) {
      b.offer(event(i), 10, OverflowPolicy.DROP_NEWEST, NO_WAIT);
    }
    List<EventBuffer.Entry> inFlight = b.take(3, 0, 0);
    b.close();
    assertThat(b.dropRemaining(false)).isEqualTo(2); // only what was waiting
    // The sender comes back: one delivered, two not.
    List<Map<String, ?>> undelivered = List.of(inFlight.get(1).event(), inFlight.get(2).event());
    b.resolve(inFlight, new DeliveryReport(1, List.of(), List.of(), undelivered, "circuit open", 1, 0));
    StreamerStats s = b.stats();
    assertThat(s.inBuffer()).isZero();
    assertThat(s.bufferedBytes()).isZero();
    assertThat(s.delivered()).isEqualTo(1);
    assertThat(s.droppedOnClose()).isEqualTo(4);
    assertBalanced(b);
  }

  @Test
  void aSenderThatIsGoneHasItsBatchDroppedToo() throws Exception {
    EventBuffer b = new EventBuffer(10, 1_000_000);
    b.offer(event(1), 10, OverflowPolicy.DROP_NEWEST, NO_WAIT);
    b.offer(event(2), 10, OverflowPolicy.DROP_NEWEST, NO_WAIT);
    b.take(1, 0, 0);
    assertThat(b.dropRemaining(true)).isEqualTo(2);
    assertThat(b.stats().inBuffer()).isZero();
    assertBalanced(b);
  }
}
