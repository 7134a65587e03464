package dev.breakwater.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void everySingleCharacterRoundTripsThroughARealJsonParser() throws Exception {
    for (int c = 0; c <= 0xFFFF; c++) {
      String s = "a" + (char) c + "b";
      String json = JsonWriter.quoted(s);
      assertThat(MAPPER.readValue(json, String.class)).as("U+%04X", c).isEqualTo(s);
    }
  }

  @Test
  void outputNeverHoldsLineBreaksHtmlSpecialsOrControlCharacters() {
    String nasty = "<script>alert(\"x\")</script> 'q' & \\ \n\r\t\u0000\u001f\u007f\u2028\u2029"
        + "</SCRIPT><!--";
    String json = JsonWriter.quoted(nasty);
    assertThat(json).doesNotContain("<", ">", "&", "'", "\n", "\r", "\u2028", "\u2029", "\u007f");
    assertThat(json.chars()).allMatch(c -> c >= 0x20);
    assertThat(json).contains("\\u003cscript\\u003e", "\\\"x\\\"", "\\\\", "\\n", "\\u0000");
  }

  @Test
  void surrogatePairsStayRawAndLoneSurrogatesAreEscaped() throws Exception {
    String emoji = "\uD83D\uDE80";
    assertThat(JsonWriter.quoted(emoji)).isEqualTo("\"" + emoji + "\"");
    String lone = "x\uD800y\uDC00";
    assertThat(JsonWriter.quoted(lone)).isEqualTo("\"x\\ud800y\\udc00\"");
    assertThat(MAPPER.readValue(JsonWriter.quoted(lone), String.class)).isEqualTo(lone);
  }

  @Test
  void writesNestedStructuresWithCommasInTheRightPlaces() throws Exception {
    String json = new JsonWriter().beginObject()
        .name("a").value(1)
        .name("b").beginArray().value("x").value(true).nullValue().beginObject().endObject()
        .endArray()
        .name("c").beginObject().name("d").value(2.5).endObject()
        .name("e").beginArray().endArray()
        .endObject().toString();
    assertThat(json).isEqualTo("{\"a\":1,\"b\":[\"x\",true,null,{}],\"c\":{\"d\":2.5},\"e\":[]}");
    JsonNode node = MAPPER.readTree(json);
    assertThat(node.get("c").get("d").asDouble()).isEqualTo(2.5);
  }

  @Test
  void nonFiniteNumbersBecomeNullAndOthersAreRoundedToThreeDecimals() throws Exception {
    String json = new JsonWriter().beginArray().value(Double.NaN).value(Double.POSITIVE_INFINITY)
        .value(1.23456).value(-0.0004).value(1e15).value(Long.MAX_VALUE).endArray().toString();
    JsonNode node = MAPPER.readTree(json);
    assertThat(node.get(0).isNull()).isTrue();
    assertThat(node.get(1).isNull()).isTrue();
    assertThat(node.get(2).asDouble()).isEqualTo(1.235);
    assertThat(node.get(3).asDouble()).isEqualTo(-0.0);
    assertThat(node.get(4).asDouble()).isEqualTo(1e15);
    assertThat(node.get(5).asLong()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void refusesToProduceUnbalancedText() {
    JsonWriter open = new JsonWriter().beginObject();
    assertThatThrownBy(open::toString).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("left open");
    assertThatThrownBy(() -> new JsonWriter().endArray()).isInstanceOf(IllegalStateException.class);
  }
}
