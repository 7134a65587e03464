package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.testkit.Api;
import dev.breakwater.testkit.Fault;
import dev.breakwater.testkit.ManualTicker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the streamers log about events they drop: with counts, rate-limited, and under their own name. */
class StreamerLogsTest {
  private final Fixture f = new Fixture();
  private final ManualTicker ticker = ManualTicker.create();

  @AfterEach
  void close() {
    f.close();
  }

  private static List<String> lines(String containing) {
    return KeyLeakGuard.captured().stream().filter(l -> l.contains(containing)).collect(Collectors.toList());
  }

  @Test
  void dropsAreLoggedAtOnceThenAtMostEveryTenSecondsWithCounts() {
    DropLog drops = new DropLog("s", OverflowPolicy.DROP_OLDEST,
        System.getLogger("dev.breakwater.newrelic.StreamerLogsTest"), ticker);
    drops.logIfDue();
    assertThat(lines("buffer full")).isEmpty();

    drops.dropped(1);
    drops.logIfDue();
    drops.dropped(5);
    drops.logIfDue();
    ticker.advance(Duration.ofSeconds(9));
    drops.logIfDue();
    assertThat(lines("buffer full")).hasSize(1);

    ticker.advance(Duration.ofSeconds(1));
    drops.logIfDue();
    drops.logIfDue();
    drops.dropped(2);
    drops.logNow();
    assertThat(lines("buffer full")).hasSize(3).satisfiesExactly(
        l -> assertThat(l).contains("s: buffer full (DROP_OLDEST), dropped 1 event since the last report of drops, 1 in all"),
        l -> assertThat(l).contains("dropped 5 events since the last report of drops, 6 in all"),
        l -> assertThat(l).contains("dropped 2 events since the last report of drops, 8 in all"));
  }

  @Test
  void evictionsByDropOldestAreLoggedWithCounts() {
    EntityStreamer streamer = EntityStreamer.builder(f.eventApi().build())
        .capacity(2, 1_000_000).overflow(OverflowPolicy.DROP_OLDEST, Duration.ZERO)
        .batching(1000, Duration.ofHours(1)) // nothing leaves the buffer before close
        .ticker(ticker).build();
    for (int i = 0; i < 5; i++) {
      assertThat(streamer.offer(Map.of("eventType", "Evicted", "id", i))).isTrue();
    }
    assertThat(streamer.stats().droppedOverflow()).isEqualTo(3);
    assertThat(lines("buffer full")).singleElement().satisfies(l -> assertThat(l).contains(
        "breakwater-entity-streamer: buffer full (DROP_OLDEST), dropped 1 event since the last report of drops, 1 in all"));

    streamer.close(); // what was counted since is logged on close
    assertThat(lines("buffer full")).hasSize(2).last().satisfies(l -> assertThat(l)
        .contains("breakwater-entity-streamer: buffer full (DROP_OLDEST), dropped 2 events since the last report "
            + "of drops, 3 in all"));
    assertThat(f.fake.events("Evicted")).extracting(e -> e.get("id")).containsExactly(3, 4);
  }

  @Test
  void closeTimeMessagesNameTheStreamerThatLostEvents() {
    f.fake.faults().always(Api.EVENTS, Fault.status(503));
    EventApiClient client = f.eventApi().maxRetries(0).build();
    MetricStreamer metrics = MetricStreamer.builder(client).batching(1000, Duration.ofHours(1))
        .closeTimeout(Duration.ZERO).build();
    EntityStreamer entities = EntityStreamer.builder(client).build();
    metrics.streamMetrics(List.of(Map.of("eventType", "Lost", "n", 1), Map.of("eventType", "Lost", "n", 2)));
    metrics.close();
    entities.close();
    assertThat(metrics.stats().droppedOnClose()).isEqualTo(2);
    assertThat(lines("undelivered")).singleElement().satisfies(l -> assertThat(l)
        .contains("breakwater-metric-streamer: closed with 2 events undelivered")
        .doesNotContain("breakwater-entity-streamer"));
  }
}
