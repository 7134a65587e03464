package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class EventEncoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<Map<String, Object>> decode(byte[] gzipped) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return JSON.readValue(in, new TypeReference<>() {});
    }
  }

  private static List<Map<String, ?>> events(int n, int payloadChars) {
    Random random = new Random(7);
    List<Map<String, ?>> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("eventType", "Test");
      e.put("id", i);
      StringBuilder noise = new StringBuilder();
      for (int c = 0; c < payloadChars; c++) {
        noise.append((char) ('a' + random.nextInt(26)));
      }
      e.put("noise", noise.toString());
      e.put("ok", i % 2 == 0);
      e.put("ratio", i / 3.0);
      events.add(e);
    }
    return events;
  }

  @Test
  void encodesEveryEventOnceInOrderAsJson() throws IOException {
    List<Map<String, ?>> events = events(2_500, 20);
    List<Map<String, ?>> tooLarge = new ArrayList<>();
    List<Payload<Map<String, ?>>> payloads = new EventEncoder(1000, 1_000_000).encode(events, tooLarge);
    assertThat(payloads).hasSize(3);
    assertThat(payloads).extracting(p -> p.items().size()).containsExactly(1000, 1000, 500);
    List<Object> ids = new ArrayList<>();
    for (Payload<Map<String, ?>> p : payloads) {
      for (Map<String, Object> e : decode(p.gzipped())) {
        ids.add(e.get("id"));
      }
    }
    assertThat(ids).hasSize(2_500);
    assertThat(ids.get(0)).isEqualTo(0);
    assertThat(ids.get(2_499)).isEqualTo(2_499);
    assertThat(decode(payloads.get(0).gzipped()).get(1))
        .containsEntry("eventType", "Test").containsEntry("ok", false).containsEntry("ratio", 1 / 3.0);
    assertThat(tooLarge).isEmpty();
  }

  @Test
  void capsPayloadsByCompressedBytes() throws IOException {
    List<Map<String, ?>> events = events(1_000, 2_000); // ~2 MB of random text, ~1.2 MB gzipped
    List<Payload<Map<String, ?>>> payloads = new EventEncoder(1000, 200_000).encode(events, new ArrayList<>());
    assertThat(payloads.size()).isGreaterThan(5);
    int total = 0;
    for (Payload<Map<String, ?>> p : payloads) {
      assertThat(p.gzipped().length).isLessThanOrEqualTo(200_000);
      assertThat(decode(p.gzipped())).hasSize(p.items().size());
      total += p.items().size();
    }
    assertThat(total).isEqualTo(1_000);
  }

  @Test
  void aSingleEventOverTheLimitIsSetAside() {
    List<Map<String, ?>> events = events(3, 4_000);
    List<Map<String, ?>> tooLarge = new ArrayList<>();
    List<Payload<Map<String, ?>>> payloads = new EventEncoder(1000, 1_024).encode(events, tooLarge);
    assertThat(tooLarge).hasSize(3);
    assertThat(payloads).isEmpty();
  }
}
