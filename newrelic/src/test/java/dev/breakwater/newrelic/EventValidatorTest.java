package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventValidatorTest {
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private final EventValidator validator = new EventValidator(Clock.fixed(NOW, ZoneOffset.UTC));

  private String problem(Map<String, ?> event) {
    return validator.problem(event);
  }

  @Test
  void acceptsStringsNumbersBooleansAndATimestampNearNow() {
    assertThat(problem(Map.of("eventType", "MessageQueueBroker", "name", "b1", "depth", 42,
        "rate", 0.5, "healthy", true, "timestamp", NOW.toEpochMilli()))).isNull();
    assertThat(problem(Map.of("eventType", "ns:Type_1", "timestamp", NOW.getEpochSecond()))).isNull();
  }

  @Test
  void eventTypeRules() {
    assertThat(problem(Map.of("name", "x"))).isEqualTo("eventType is missing");
    assertThat(problem(Map.of("eventType", 5))).isEqualTo("eventType must be a string");
    assertThat(problem(Map.of("eventType", "Bad.Type")))
        .isEqualTo("eventType 'Bad.Type' may only contain letters, digits, '_' and ':'");
    assertThat(problem(Map.of("eventType", ""))).contains("may only contain");
    assertThat(problem(Map.of("eventType", "x".repeat(256)))).isEqualTo("eventType is longer than 255 characters");
    for (String reserved : List.of("Metric", "MetricRaw", "Metric2", "Public_Thing")) {
      assertThat(problem(Map.of("eventType", reserved))).isEqualTo("eventType '" + reserved + "' is reserved by New Relic");
    }
    assertThat(problem(Map.of("eventType", "Metrics"))).isNull();
  }

  @Test
  void aBadEventTypeIsRefusedRightAfterAGoodOne() {
    assertThat(problem(Map.of("eventType", "Good"))).isNull();
    assertThat(problem(Map.of("eventType", "Metric"))).isEqualTo("eventType 'Metric' is reserved by New Relic");
    assertThat(problem(Map.of("eventType", "Bad.Type"))).contains("may only contain");
    assertThat(problem(Map.of("eventType", new String("Good")))).isNull();
  }

  @Test
  void aRepeatedEventTypeStillHasItsAttributesChecked() {
    assertThat(problem(Map.of("eventType", "T", "v", 1))).isNull();
    assertThat(problem(Map.of("eventType", "T", "v", Map.of()))).contains("is nested");
  }

  @Test
  void attributeLimits() {
    Map<String, Object> many = new HashMap<>();
    many.put("eventType", "T");
    for (int i = 0; i < 255; i++) {
      many.put("a" + i, i);
    }
    assertThat(problem(many)).isEqualTo("event has 255 attributes besides eventType, more than 254");
    many.remove("a0");
    assertThat(problem(many)).isNull();
    assertThat(problem(Map.of("eventType", "T", "n".repeat(256), 1))).contains("is longer than 255 characters");
    assertThat(problem(Map.of("eventType", "T", "v", "x".repeat(4097))))
        .isEqualTo("attribute 'v' is 4097 characters long, more than 4096");
    assertThat(problem(Map.of("eventType", "T", "v", "x".repeat(4096)))).isNull();
  }

  @Test
  void nestedAndOtherValuesAreRefused() {
    assertThat(problem(Map.of("eventType", "T", "tags", Map.of("a", 1))))
        .startsWith("attribute 'tags' is nested");
    assertThat(problem(Map.of("eventType", "T", "ids", List.of(1, 2)))).startsWith("attribute 'ids' is nested");
    assertThat(problem(Map.of("eventType", "T", "arr", new int[] {1}))).startsWith("attribute 'arr' is nested");
    assertThat(problem(Map.of("eventType", "T", "when", NOW))).contains("java.time.Instant");
    assertThat(problem(Map.of("eventType", "T", "nan", Double.NaN))).isEqualTo("attribute 'nan' is NaN, not a finite number");
    Map<String, Object> withNull = new HashMap<>(Map.of("eventType", "T"));
    withNull.put("v", null);
    assertThat(problem(withNull)).isEqualTo("attribute 'v' is null");
  }

  @Test
  void timestampsMustBeIntegersWithinADay() {
    long day = 24L * 3600 * 1000;
    assertThat(problem(Map.of("eventType", "T", "timestamp", NOW.toEpochMilli() - day - 1)))
        .contains("is more than 24 hours from now");
    assertThat(problem(Map.of("eventType", "T", "timestamp", NOW.toEpochMilli() + day + 1)))
        .contains("is more than 24 hours from now");
    assertThat(problem(Map.of("eventType", "T", "timestamp", 1.5e12)))
        .isEqualTo("timestamp must be an integer epoch in milliseconds (or seconds)");
    assertThat(problem(Map.of("eventType", "T", "timestamp", "now")))
        .isEqualTo("timestamp must be an integer epoch in milliseconds (or seconds)");
  }
}
