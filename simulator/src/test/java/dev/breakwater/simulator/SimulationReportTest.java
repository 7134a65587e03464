package dev.breakwater.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.CircuitBreakerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table, the JSON and the recommendation of a report over the fixed-rate outage. */
class SimulationReportTest {
  static final Workload OUTAGE = Workload.synthetic(1)
      .callsPerSecond(10)
      .latency(Duration.ofMillis(10), Duration.ofMillis(10))
      .healthy("warm", Duration.ofSeconds(10), 0.0)
      .fault("outage", Duration.ofSeconds(10), 1.0)
      .healthy("recovered", Duration.ofSeconds(20), 0.0)
      .build();

  static SimulationReport report(List<CircuitBreakerConfig> candidates) {
    return SimulationReport.of(OUTAGE, Simulation.of(OUTAGE).runAll(candidates), "inventory");
  }

  static List<CircuitBreakerConfig> threeCandidates() {
    return List.of(Candidates.parse("failureThreshold=5,retryDelay=3s"),
        Candidates.parse("failureThreshold=3,retryDelay=3s"), Candidates.parse("failureThreshold=10,retryDelay=3s"));
  }

  @Test
  void theJsonIsAnArrayWithOneObjectPerCandidateCarryingTheFixedFigures() throws Exception {
    SimulationReport report = report(threeCandidates());

    JsonNode json = new ObjectMapper().readTree(report.json());

    assertThat(json.isArray()).isTrue();
    assertThat(json).hasSize(3);
    // See OutageAtFixedRateTest for the hand computation of these figures.
    List<String> rows = new ArrayList<>();
    for (JsonNode c : json) {
      rows.add(c.get("candidate").asText() + ": " + c.get("failedCallsAdmitted").asLong() + " "
          + c.get("healthyCallsRejected").asLong() + " " + c.get("opens").asLong() + " " + c.get("trialCalls").asLong());
    }
    assertThat(rows).containsExactly("failureThreshold=5,retryDelay=3s: 8 28 4 5",
        "failureThreshold=3,retryDelay=3s: 6 26 4 5", "failureThreshold=10,retryDelay=3s: 12 2 3 4");
    JsonNode first = json.get(0);
    assertThat(first.get("config").get("retryDelay").asText()).isEqualTo("3s");
    assertThat(first.get("config").get("failureThreshold").asInt()).isEqualTo(5);
    assertThat(first.get("availabilityPercent").asDouble()).isEqualTo(68.0);
    JsonNode outage = first.get("phases").get(1);
    assertThat(outage.get("name").asText()).isEqualTo("outage");
    assertThat(outage.get("fault").asBoolean()).isTrue();
    assertThat(outage.get("detectionDelayMs").asLong()).isEqualTo(410);
    assertThat(outage.get("recoveryDelayMs").asLong()).isEqualTo(2910);
    assertThat(outage.get("startMs").asLong()).isEqualTo(10_000);
    assertThat(first.get("phases").get(0).get("detectionDelayMs").isNull()).isTrue();
  }

  /*
   * Objectives (detection, false opens, recovery): F=5 (410, 0, 2910), F=3 (210, 0, 2710),
   * F=10 (910, 0, 310). F=3 beats F=5 in detection and recovery, so F=5 is dominated. Front F=3,
   * F=10; scaled sums: F=3 0 + 1 = 1, F=10 1 + 0 = 1: a tie; F=10 rejected 2 healthy calls, F=3
   * 26, so F=10 is recommended.
   */
  @Test
  void theFrontAndTheRecommendationAreMarked() throws Exception {
    SimulationReport report = report(threeCandidates());

    assertThat(report.paretoFront()).extracting(Figures::name)
        .containsExactly("failureThreshold=3,retryDelay=3s", "failureThreshold=10,retryDelay=3s");
    assertThat(report.recommended().name()).isEqualTo("failureThreshold=10,retryDelay=3s");
    JsonNode json = new ObjectMapper().readTree(report.json());
    assertThat(json).extracting(c -> c.get("paretoOptimal").asBoolean() + " " + c.get("recommended").asBoolean())
        .containsExactly("false false", "true false", "true true");
    assertThat(report.recommendedJava()).isEqualTo("""
        CircuitBreakerConfig config = CircuitBreakerConfig.builder("inventory")
            .failureThreshold(10)
            .retryDelay(Duration.ofSeconds(3))
            .build();""");
    assertThat(report.recommendedYaml()).endsWith("inventory:\n        failure-threshold: 10\n        retry-delay: 3s");
  }

  @Test
  void theTableShowsEveryCandidateTheFaultAndTheRecommendation() {
    String table = report(threeCandidates()).table();

    assertThat(table).contains("Workload: synthetic, seed 1: 400 calls over 40 s; phases: warm (0–10 s), "
        + "outage (10–20 s, fault), recovered (20–40 s)");
    assertThat(table).containsPattern("failureThreshold=5,retryDelay=3s +4 +0 +8 +28 +5 +410 ms +2.91 s +68.00 %");
    assertThat(table).containsPattern("failureThreshold=10,retryDelay=3s +3 +0 +12 +2 +4 +910 ms +310 ms +[0-9.]+ % +\\* recommended");
    assertThat(table).contains("Fault 'outage' (10–20 s):");
    assertThat(table).contains("Recommended: failureThreshold=10,retryDelay=3s");
    assertThat(table).contains("    .failureThreshold(10)");
    assertThat(table).contains("retry-delay: 3s");
  }

  @Test
  void aSingleCandidateHasNoRecommendationSection() {
    String table = report(List.of(Candidates.parse("failureThreshold=5"))).table();

    assertThat(table).doesNotContain("Recommended");
    assertThat(report(List.of(Candidates.parse(""))).json()).startsWith("[\n  {\"candidate\":\"defaults\",");
  }

  /** The figures README-section.md shows in its JSON example: the outage, recorded as a trace. */
  @Test
  void theReadmesJsonExampleIsWhatTheOutageGivesAsATrace() throws Exception {
    java.io.StringWriter csv = new java.io.StringWriter();
    OUTAGE.writeTrace(csv);
    Workload trace = Traces.parse(csv.toString());
    CircuitBreakerConfig candidate = Candidates.parse("failureThreshold=5,retryDelay=3s");

    JsonNode c = new ObjectMapper().readTree(SimulationReport.of(trace, List.of(Simulation.of(trace).run(candidate)),
        "inventory").json()).get(0);

    assertThat(c.get("failedCallsAdmitted").asLong()).isEqualTo(8);
    assertThat(c.get("healthyCallsRejected").asLong()).isEqualTo(28);
    assertThat(c.get("opens").asLong()).isEqualTo(4);
    assertThat(c.get("trialCalls").asLong()).isEqualTo(5);
    assertThat(c.get("availabilityPercent").asLong()).isEqualTo(68);
    JsonNode fault = c.get("phases").get(1);
    assertThat(fault.get("name").asText()).isEqualTo("fault 1");
    assertThat(fault.get("startMs").asLong()).isEqualTo(10_000);
    assertThat(fault.get("endMs").asLong()).isEqualTo(20_000);
    assertThat(fault.get("detectionDelayMs").asLong()).isEqualTo(410);
    assertThat(fault.get("recoveryDelayMs").asLong()).isEqualTo(2910);
  }
}
