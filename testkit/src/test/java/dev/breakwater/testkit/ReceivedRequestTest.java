package dev.breakwater.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceivedRequestTest {
  private final byte[] raw = {1, 2, 3};
  private final ReceivedRequest request = new ReceivedRequest(Api.EVENTS, "POST",
      "/v1/accounts/events", Map.of("X-request-id", List.of("abc"), "Api-key", List.of("secret")),
      raw, "text", 200, 7L);

  @Test
  void headersAreCaseInsensitive() {
    assertThat(request.requestId()).contains("abc");
    assertThat(request.header("API-KEY")).contains("secret");
    assertThat(request.headers()).containsKey("x-REQUEST-id");
  }

  @Test
  void headerNamesDifferingOnlyInCaseAreMerged() {
    ReceivedRequest twice = new ReceivedRequest(Api.METRICS, "POST", "/metric/v1",
        Map.of("X-Tag", List.of("a"), "x-tag", List.of("b")), raw, "", 202, 0L);

    assertThat(twice.headers()).hasSize(1);
    assertThat(twice.headers().get("X-TAG")).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void theBodyIsCopiedInAndOut() {
    raw[0] = 9;
    byte[] out = request.rawBody();
    out[1] = 9;

    assertThat(request.rawBody()).containsExactly(1, 2, 3);
  }

  @Test
  void equalityComparesBodyContents() {
    ReceivedRequest same = new ReceivedRequest(Api.EVENTS, "POST", "/v1/accounts/events",
        Map.of("x-request-id", List.of("abc"), "api-key", List.of("secret")),
        new byte[] {1, 2, 3}, "text", 200, 7L);

    assertThat(request).isEqualTo(same).hasSameHashCodeAs(same);
  }

  @Test
  void toStringShowsNoHeaderValues() {
    assertThat(request.toString()).contains("EVENTS", "POST", "200", "3 bytes")
        .doesNotContain("secret").doesNotContain("abc");
  }
}
