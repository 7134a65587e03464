package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The hand-written event JSON writer must say exactly what Jackson would read back: any text
 * (quotes, backslashes, control characters, any Unicode plane), any long, any finite double, and
 * booleans, in any order, through the gzip payload path too.
 */
class EventJsonWriterProperties {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Property(tries = 300)
  void whatIsWrittenParsesBackToTheSameEvents(@ForAll("events") @Size(min = 1, max = 30) List<Map<String, Object>> events)
      throws Exception {
    List<Map<String, Object>> parsed = JSON.readValue(EventEncoder.json(events), new TypeReference<>() {});
    assertSame(events, parsed);
    List<Payload<Map<String, ?>>> payloads = new EventEncoder(1000, 1_000_000).encode(events, new ArrayList<>());
    assertThat(payloads).hasSize(1);
    assertSame(events, EventEncoderTest.decode(payloads.get(0).gzipped()));
  }

  private static void assertSame(List<Map<String, Object>> expected, List<Map<String, Object>> actual) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Map<String, Object> e = expected.get(i);
      Map<String, Object> a = actual.get(i);
      assertThat(a.keySet()).containsExactlyElementsOf(e.keySet());
      for (Map.Entry<String, Object> attr : e.entrySet()) {
        Object want = attr.getValue();
        Object got = a.get(attr.getKey());
        if (want instanceof Long || want instanceof Integer) {
          assertThat(((Number) got).longValue()).isEqualTo(((Number) want).longValue());
        } else if (want instanceof Double) {
          assertThat(((Number) got).doubleValue()).isEqualTo((Double) want);
        } else {
          assertThat(got).isEqualTo(want);
        }
      }
    }
  }

  @Provide
  Arbitrary<List<Map<String, Object>>> events() {
    Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(40)
        .filter(s -> s.codePoints().noneMatch(cp -> cp >= 0xd800 && cp <= 0xdfff));
    Arbitrary<Object> value = Arbitraries.oneOf(
        text.map(s -> (Object) s),
        Arbitraries.longs().map(l -> (Object) l),
        Arbitraries.integers().map(n -> (Object) n),
        Arbitraries.doubles().filter(Double::isFinite).map(d -> (Object) d),
        Arbitraries.of(true, false).map(b -> (Object) b));
    Arbitrary<Map<String, Object>> event = Arbitraries.maps(text.filter(s -> !s.isEmpty()), value)
        .ofMaxSize(12).map(m -> {
          Map<String, Object> ordered = new LinkedHashMap<>();
          ordered.put("eventType", "Prop");
          m.forEach((k, v) -> ordered.putIfAbsent(k, v));
          return ordered;
        });
    return event.list();
  }

  @Test
  void aLoneSurrogateIsSentAsTheReplacementCharacter() throws Exception {
    String json = EventEncoder.json(List.of(Map.of("eventType", "T", "s", "a\ud800b")));
    assertThat(JSON.readTree(json).get(0).get("s").asText()).isEqualTo("a\ufffdb");
  }

  @Test
  void escapesAreTheShortOnesWhereJsonHasThem() {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventType", "T");
    event.put("s", "\"\\\n\r\t\b\f\u0001");
    String json = EventEncoder.json(List.of(event));
    assertThat(json).isEqualTo("[{\"eventType\":\"T\",\"s\":\"\\\"\\\\\\n\\r\\t\\b\\f\\u0001\"}]");
  }
}
