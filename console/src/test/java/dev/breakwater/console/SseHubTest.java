package dev.breakwater.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SseHubTest {
  private static final long ONE_SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void aClientThatCannotKeepUpIsDroppedWithoutHoldingUpTheOthers() throws Exception {
    SseHub hub = new SseHub(10);
    SseClient stuck = new SseClient();
    SseClient reading = new SseClient();
    hub.add(stuck);
    hub.add(reading);

    for (int i = 0; i <= SseClient.CAPACITY; i++) {
      byte[] frame = SseFrames.event("sample", "{\"n\":" + i + "}");
      hub.broadcast(frame);
      assertThat(reading.next(ONE_SECOND)).isSameAs(frame);
    }

    assertThat(stuck.isClosed()).isTrue();
    assertThat(stuck.next(ONE_SECOND)).isNull();
    assertThat(hub.dropped()).isEqualTo(1);
    assertThat(hub.size()).isEqualTo(1);
  }

  @Test
  void anIdleClientGetsAPing() throws Exception {
    SseClient client = new SseClient();
    assertThat(new String(client.next(1), StandardCharsets.US_ASCII)).isEqualTo(": ping\n\n");
  }

  @Test
  void refusesClientsBeyondItsLimit() {
    SseHub hub = new SseHub(2);
    hub.add(new SseClient());
    assertThat(hub.hasRoom()).isTrue();
    hub.add(new SseClient());
    assertThat(hub.hasRoom()).isFalse();
  }

  @Test
  void closingEndsAWaitingPumpPromptly() throws Exception {
    SseHub hub = new SseHub(2);
    SseClient client = new SseClient();
    hub.add(client);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread pump = new Thread(() -> {
      try {
        client.pump(out, Long.MAX_VALUE);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    pump.start();

    hub.closeAll();
    pump.join(5_000);

    assertThat(pump.isAlive()).isFalse();
    assertThat(out.size()).isZero();
    assertThat(hub.size()).isZero();
    assertThat(hub.dropped()).as("closed on purpose, not dropped").isZero();
  }
}
