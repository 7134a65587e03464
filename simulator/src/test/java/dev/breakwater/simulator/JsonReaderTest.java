package dev.breakwater.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
  @Test
  void readsEveryKindOfValue() {
    Object v = JsonReader.parse("{\"a\": [1, -2.5e1, true, false, null], \"b\": \"x\\u00e9\\n\", \"c\": {}}");

    assertThat(v).isEqualTo(Map.of("a", List.of(new BigDecimal("1"), new BigDecimal("-2.5e1"), true, false,
        JsonReader.NULL), "b", "xé\n", "c", Map.of()));
  }

  @Test
  void namesTheLineAndColumnOfAMistake() {
    assertThatThrownBy(() -> JsonReader.parse("{\n  \"a\": 1,\n  \"b\" 2\n}"))
        .hasMessage("not valid JSON at line 3, column 7: unexpected '2'; expected :");
    assertThatThrownBy(() -> JsonReader.parse("{\"a\": 1, \"a\": 2}"))
        .hasMessage("not valid JSON at line 1, column 10: duplicate key \"a\"");
    assertThatThrownBy(() -> JsonReader.parse("[1,]")).hasMessageContaining("expected a value");
    assertThatThrownBy(() -> JsonReader.parse("{} x")).hasMessageContaining("after the end of the JSON value");
    assertThatThrownBy(() -> JsonReader.parse("01")).hasMessageContaining("after the end");
  }
}
