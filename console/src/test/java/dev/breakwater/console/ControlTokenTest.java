package dev.breakwater.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ControlTokenTest {
  private static final String SECRET = "s3cret-token-0123456789";

  @Test
  void acceptsExactlyTheBearerToken() {
    ControlToken token = ControlToken.of(SECRET);
    assertThat(token.matchesAuthorization("Bearer " + SECRET)).isTrue();
    assertThat(token.matchesAuthorization("bearer " + SECRET)).isTrue();
    assertThat(token.matchesAuthorization("Bearer " + SECRET + "x")).isFalse();
    assertThat(token.matchesAuthorization("Bearer " + SECRET.substring(1))).isFalse();
    assertThat(token.matchesAuthorization(SECRET)).isFalse();
    assertThat(token.matchesAuthorization("Basic " + SECRET)).isFalse();
    assertThat(token.matchesAuthorization("Bearer ")).isFalse();
    assertThat(token.matchesAuthorization(null)).isFalse();
  }

  @Test
  void refusesWeakTokensWithoutRepeatingThem() {
    assertThatThrownBy(() -> ControlToken.of("short-secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("control token must be at least 16 characters, was 12 characters")
        .message().doesNotContain("short-secret");
    assertThatThrownBy(() -> ControlToken.of("has a space in the middle"))
        .isInstanceOf(IllegalArgumentException.class)
        .message().contains("visible ASCII").doesNotContain("space in the middle");
    assertThatThrownBy(() -> ControlToken.of(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void neverShowsTheTokenInToString() {
    assertThat(ControlToken.of(SECRET).toString()).doesNotContain(SECRET);
  }

  @Test
  void generatedTokensAreLongRandomAndUsable() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String generated = ControlToken.generate();
      assertThat(generated).hasSize(43).matches("[A-Za-z0-9_-]+");
      assertThat(ControlToken.of(generated).matchesAuthorization("Bearer " + generated)).isTrue();
      seen.add(generated);
    }
    assertThat(seen).hasSize(100);
  }
}
