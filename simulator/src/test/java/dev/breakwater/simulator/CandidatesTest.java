package dev.breakwater.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandidatesTest {
  @Test
  void aCandidateSetsTheNamedSettingsAndKeepsTheDefaults() {
    CircuitBreakerConfig c = Candidates.parse(" failureThreshold=5, retryDelay=10s ,timeout=500ms,"
        + "failure-rate-threshold=50,monitoringWindow=2m,backoffMultiplier=1.5,maxRetryDelay=1h");

    assertThat(c.name()).isEqualTo("failureThreshold=5, retryDelay=10s ,timeout=500ms,failure-rate-threshold=50,"
        + "monitoringWindow=2m,backoffMultiplier=1.5,maxRetryDelay=1h");
    assertThat(c.failureThreshold()).isEqualTo(5);
    assertThat(c.retryDelay()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.failureRateThreshold()).hasValue(50);
    assertThat(c.monitoringWindow()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.backoffMultiplier()).isEqualTo(1.5);
    assertThat(c.maxRetryDelay()).isEqualTo(Duration.ofHours(1));
    assertThat(c.successThreshold()).isEqualTo(2);
    assertThat(Candidates.parse("").name()).isEqualTo("defaults");
  }

  @Test
  void mistakesAreNamed() {
    assertThatThrownBy(() -> Candidates.parse("failureTreshold=5"))
        .hasMessage("candidate 'failureTreshold=5': unknown setting 'failureTreshold' (did you mean failureThreshold?)");
    assertThatThrownBy(() -> Candidates.parse("retryDelay=10 seconds"))
        .hasMessage("candidate 'retryDelay=10 seconds': retryDelay: '10 seconds' is not a duration like 500ms, 10s or 2m");
    assertThatThrownBy(() -> Candidates.parse("failureThreshold=0"))
        .hasMessage("candidate 'failureThreshold=0': failureThreshold must be >= 1, was 0");
    assertThatThrownBy(() -> Candidates.parse("failureThreshold=2,failureThreshold=3"))
        .hasMessageEndingWith("failureThreshold is given twice");
    assertThatThrownBy(() -> Candidates.parse("failureThreshold"))
        .hasMessageEndingWith("expected setting=value, like failureThreshold=5, found 'failureThreshold'");
    assertThatThrownBy(() -> Candidates.parse("retryDelay=10s,maxRetryDelay=1s"))
        .hasMessageStartingWith("candidate 'retryDelay=10s,maxRetryDelay=1s': maxRetryDelay");
    assertThatThrownBy(() -> Candidates.parse("name=x")).hasMessageContaining("unknown setting 'name'");
  }

  @Test
  void aGridIsEveryCombinationTheFirstSettingVaryingSlowest() {
    List<CircuitBreakerConfig> grid = Candidates.grid("failureThreshold=3..5,retryDelay=2s..10s");

    assertThat(grid).hasSize(15);
    assertThat(grid).extracting(CircuitBreakerConfig::name).startsWith("failureThreshold=3,retryDelay=2s",
        "failureThreshold=3,retryDelay=4s", "failureThreshold=3,retryDelay=6s", "failureThreshold=3,retryDelay=8s",
        "failureThreshold=3,retryDelay=10s", "failureThreshold=4,retryDelay=2s");
    assertThat(grid.get(14).failureThreshold()).isEqualTo(5);
    assertThat(grid.get(14).retryDelay()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aGridTakesStepsListsAndSingleValues() {
    assertThat(Candidates.grid("retryDelay=2s..30s")).extracting(c -> c.retryDelay().toMillis())
        .containsExactly(2_000L, 9_000L, 16_000L, 23_000L, 30_000L);
    assertThat(Candidates.grid("retryDelay=2s..30s:4s")).extracting(c -> c.retryDelay().toSeconds())
        .containsExactly(2L, 6L, 10L, 14L, 18L, 22L, 26L, 30L);
    assertThat(Candidates.grid("failureThreshold=1..9:4,timeout=1s")).extracting(CircuitBreakerConfig::name)
        .containsExactly("failureThreshold=1,timeout=1s", "failureThreshold=5,timeout=1s", "failureThreshold=9,timeout=1s");
    assertThat(Candidates.grid("failureRateThreshold=0|25.5|50")).extracting(c -> c.failureRateThreshold().orElse(0))
        .containsExactly(0.0, 25.5, 50.0);
  }

  @Test
  void gridMistakesAreNamed() {
    assertThatThrownBy(() -> Candidates.grid("failureThreshold=10..3"))
        .hasMessage("grid 'failureThreshold=10..3': failureThreshold=10..3: a range runs from the smaller value to the larger");
    assertThatThrownBy(() -> Candidates.grid("failureThreshold=1..100,successThreshold=1..100,minimumCalls=1..2"))
        .hasMessageContaining("more than 10000 configurations");
    assertThatThrownBy(() -> Candidates.grid("retryDelay=1s..2s:0s")).hasMessageContaining("the step must be greater than zero");
    assertThatThrownBy(() -> Candidates.grid("retryDelay=5s,maxRetryDelay=1s..10s:4s"))
        .hasMessageContaining("grid point 'retryDelay=5s,maxRetryDelay=1s'");
  }

  @Test
  void snippetsNameOnlyWhatDiffersFromTheDefaults() {
    CircuitBreakerConfig c = Candidates.parse("failureThreshold=8,retryDelay=1500ms,failureRateThreshold=50,"
        + "timeout=2m,successThreshold=2");

    assertThat(Snippets.java(c, "inventory")).isEqualTo("""
        CircuitBreakerConfig config = CircuitBreakerConfig.builder("inventory")
            .failureThreshold(8)
            .timeout(Duration.ofMinutes(2))
            .retryDelay(Duration.ofMillis(1500))
            .failureRateThreshold(50)
            .build();""");
    assertThat(Snippets.yaml(c, "inventory")).isEqualTo("""
        breakwater:
          circuitbreaker:
            instances:
              inventory:
                failure-threshold: 8
                timeout: 2m
                retry-delay: 1500ms
                failure-rate-threshold: 50""");
    assertThat(Snippets.java(Candidates.parse(""), "x"))
        .isEqualTo("CircuitBreakerConfig config = CircuitBreakerConfig.builder(\"x\").build(); // the defaults");
  }
}
