package dev.breakwater.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's scenario file (a copy of the CLI's built-in one) as a workload. */
class ScenarioWorkloadTest {
  @TempDir
  Path dir;

  private static Path demoScenario() throws URISyntaxException {
    return Path.of(ScenarioWorkloadTest.class.getResource("demo-scenario.json").toURI());
  }

  private Workload events() throws Exception {
    return Workload.scenario(demoScenario()).api("events").callsPerSecond(10)
        .latency(Duration.ofMillis(20), Duration.ofMillis(20)).build();
  }

  @Test
  void thePhasesAndFaultsAreTheScenariosForTheChosenApi() throws Exception {
    Workload w = events();

    assertThat(w.phases()).extracting(p -> p.name() + " " + p.start().toSeconds() + "-" + p.end().toSeconds()
        + (p.fault() ? " fault" : "")).containsExactly("healthy 0-4", "Event API answers 503 4-10 fault",
        "slow responses past the timeout 10-16 fault", "429 with Retry-After 16-21 fault",
        "NerdGraph errors 21-25", "healthy again 25-30");
    assertThat(w.callCount()).isEqualTo(300);
    Calls c = w.calls();
    assertThat(c.outcomes[40]).isEqualTo(Calls.FAILURE); // 4.0 s: 503
    assertThat(c.durations[100]).isEqualTo(3_020_000_000L); // 10.0 s: 504 after 3000 ms
    assertThat(c.outcomes[210]).isEqualTo(Calls.SUCCESS); // 21.0 s: NerdGraph's fault, not the Event API's
    assertThat(w.description()).contains("events API, 10 calls/s, seed 42");
  }

  @Test
  void nerdGraphSeesOnlyItsOwnFault() throws Exception {
    Workload w = Workload.scenario(demoScenario()).api("nerdgraph").build();

    assertThat(w.phases()).filteredOn(Workload.Phase::fault).extracting(Workload.Phase::name)
        .containsExactly("NerdGraph errors");
  }

  /*
   * failureThreshold 3, retryDelay 2 s, timeout 1 s, two trial slots. 503s from 4.0 s: calls at
   * 4.0, 4.1, 4.2 fail (20 ms each) and it opens at 4.22. Trials 6.3 and 8.4 fail. At 10.0 s the
   * 504s take 3,020 ms, so the trials at 10.5 and 10.6 both time out (11.5, 11.6): OPEN at 11.5,
   * the second a late outcome. Trials 13.5 and 13.6 time out likewise (OPEN 14.5). From 16 s, 429s:
   * trials 16.5, 18.6 and 20.7 fail; 22.8 and 22.9 (NerdGraph's fault, healthy for events)
   * succeed: CLOSED at 22.92, 1.92 s after the 429s end. Eight openings in all.
   */
  @Test
  void theBadAfternoonReplaysAsComputedByHand() throws Exception {
    Figures f = Simulation.of(events()).run(Candidates.parse("failureThreshold=3,retryDelay=2s,timeout=1s"));

    assertThat(f.phase("Event API answers 503").detectionDelay()).contains(Duration.ofMillis(220));
    assertThat(f.phase("Event API answers 503").admitted()).isEqualTo(5);
    assertThat(f.phase("slow responses past the timeout").detectionDelay()).contains(Duration.ZERO);
    assertThat(f.phase("slow responses past the timeout").timeouts()).isEqualTo(4);
    assertThat(f.phase("429 with Retry-After").admitted()).isEqualTo(3);
    assertThat(f.phase("429 with Retry-After").recoveryDelay()).contains(Duration.ofMillis(1920));
    assertThat(f.transitions()).filteredOn(t -> t.to() == dev.breakwater.CircuitState.OPEN)
        .extracting(t -> t.at().toMillis())
        .containsExactly(4220L, 6320L, 8420L, 11500L, 14500L, 16520L, 18620L, 20720L);
    assertThat(f.overall().opens()).isEqualTo(8);
    assertThat(f.overall().falseOpens()).isZero();
  }

  @Test
  void callerMistakesAreIgnoredAndTheScheduleCanBeStretched() throws IOException {
    Path file = dir.resolve("s.json");
    Files.writeString(file, """
        {"phases": [{"name": "bad requests", "seconds": 1, "events": {"status": 400}},
                    {"seconds": 1, "events": {"latencyMillis": 500}},
                    {"seconds": 2, "events": {"drop": true}}]}
        """, StandardCharsets.UTF_8);

    Workload w = Workload.scenario(file).callsPerSecond(1).latency(Duration.ZERO, Duration.ZERO)
        .duration(Duration.ofSeconds(8)).build();

    assertThat(w.phases()).extracting(p -> p.name() + " " + p.length().toSeconds() + (p.fault() ? " fault" : ""))
        .containsExactly("bad requests 2", "phase 2 2", "phase 3 4 fault");
    assertThat(w.calls().outcomes).containsExactly(Calls.IGNORED, Calls.IGNORED, Calls.SUCCESS, Calls.SUCCESS,
        Calls.FAILURE, Calls.FAILURE, Calls.FAILURE, Calls.FAILURE);
    assertThat(w.calls().durations[2]).isEqualTo(500_000_000L);
  }

  @Test
  void aBadScenarioNamesThePhaseAndTheKey() throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"phases\": [{\"name\": \"x\", \"seconds\": 2, \"events\": {\"stauts\": 503}}]}",
        StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Workload.scenario(file).build())
        .hasMessage(file + ": phase 1 ('x'), events: unknown key \"stauts\" (did you mean \"status\"?)");
    Files.writeString(file, "{\"phases\": [{\"seconds\": 2, \"events\": {\"graphQlError\": \"TIMEOUT\"}}]}",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Workload.scenario(file).build()).hasMessageEndingWith("graphQlError applies to nerdgraph only");
    Files.writeString(file, "{\"phases\": [{\"seconds\": 2,}]}", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Workload.scenario(file).build()).hasMessageContaining("line 1, column 27: unexpected '}'; expected a key in double quotes");
    assertThatThrownBy(() -> Workload.scenario(file).api("event")).hasMessageContaining("did you mean events?");
  }

  @Test
  void phasesOfTheSameNameGetANumberSoTheirFiguresCanBeToldApart() throws IOException {
    Path file = dir.resolve("twice.json");
    Files.writeString(file, "{\"phases\": [{\"name\": \"503s\", \"seconds\": 1, \"events\": {\"status\": 503}},"
        + "{\"name\": \"ok\", \"seconds\": 1}, {\"name\": \"503s\", \"seconds\": 1, \"events\": {\"status\": 503}}]}",
        StandardCharsets.UTF_8);

    Workload w = Workload.scenario(file).build();

    assertThat(w.phases()).extracting(Workload.Phase::name).containsExactly("503s", "ok", "503s (2)");
  }
}
