package dev.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.newrelic.NewRelicConfig;
import dev.breakwater.testkit.FakeNewRelic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --live} injects no faults, so it must not show the scenario's fault phases either. The
 * "live" New Relic here is a healthy FakeNewRelic on loopback, reached only through the
 * configuration, exactly as the real one would be.
 */
class DemoLiveTest {

  @Test
  void aLiveRunLabelsNoPhaseWithAFaultItDoesNotInject(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("report.html");
    StringWriter out = new StringWriter();
    try (FakeNewRelic healthy = FakeNewRelic.start()) {
      NewRelicConfig live = NewRelicConfig.builder().accountId(healthy.accountId()).licenseKey(healthy.licenseKey())
          .userKey(healthy.userKey()).eventApiUrl(healthy.eventApiUrl()).metricApiUrl(healthy.metricApiUrl())
          .nerdGraphUrl(healthy.nerdGraphUrl()).build();
      DemoRun run = new DemoRun(new DemoRun.Options(Duration.ofSeconds(3), 50, 1, Scenario.bundled(), report, live,
          true), new PrintWriter(out, true));
      assertThat(run.scenario().phases()).hasSize(1);
      assertThat(run.scenario().phases().get(0).faults()).isEmpty();
      DemoResult result = run.run();
      assertThat(result.live()).isTrue();
    }
    List<String> faultPhases = Scenario.bundled().phases().stream().filter(p -> !p.faults().isEmpty())
        .map(Scenario.Phase::name).toList();
    String screen = out.toString();
    assertThat(screen).contains("Live New Relic: ").doesNotContain("Fake New Relic now");
    assertThat(screen).doesNotContain(faultPhases);
    String html = Files.readString(report);
    assertThat(html).contains("live New Relic (no faults injected)", "no faults injected")
        .doesNotContain(faultPhases).doesNotContain("A bad afternoon");
  }
}
