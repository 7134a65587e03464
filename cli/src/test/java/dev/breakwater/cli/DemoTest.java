package dev.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.testkit.HeadlessChromium;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The demo in short mode: the whole scenario compressed into six seconds, against the embedded
 * fake New Relic, end to end.
 */
class DemoTest {

  @Test
  void aShortRunLosesNothingShowsTheTransitionsAndWritesAWellFormedReport(@TempDir Path dir)
      throws Exception {
    Path report = dir.resolve("report.html");
    StringWriter out = new StringWriter();
    DemoRun.Options options = new DemoRun.Options(Duration.ofSeconds(6), 150, 7, Scenario.bundled(),
        report, null, false);
    DemoRun run = new DemoRun(options, new PrintWriter(out, true));
    DemoResult result = run.run();

    assertThat(result.produced()).isGreaterThan(500);
    assertThat(result.lost()).isZero();
    assertThat(result.dropped()).isZero();
    assertThat(result.duplicates()).isZero();
    assertThat(result.delivered()).isEqualTo(result.produced());
    assertThat(result.nothingLost()).isTrue();
    assertThat(out.toString()).contains("Summary", "Nothing lost.");

    String eventApi = transitions(out.toString(), "event-api");
    assertThat(eventApi).as("event-api opened, then closed again").contains("CLOSED    -> OPEN");
    assertThat(eventApi.substring(eventApi.indexOf("-> OPEN"))).contains("-> CLOSED");
    assertThat(transitions(out.toString(), "nerdgraph-api")).contains("CLOSED    -> OPEN");

    // The alert policy on the fake: the event-api breaker stayed open far longer than the
    // condition's five minutes (a unit of the run each), so its incident fired.
    DemoAlerts alerts = run.alerts().orElseThrow();
    assertThat(alerts.provisioned()).isEmpty();
    assertThat(alerts.incidents()).anySatisfy(i -> {
      assertThat(i.condition()).isEqualTo("Circuit breaker open");
      assertThat(i.facet().get(0)).isEqualTo("event-api");
      assertThat(i.openedSeconds()).isPositive();
      i.closedSeconds().ifPresent(closed -> assertThat(closed).isGreaterThan(i.openedSeconds()));
    });
    assertThat(out.toString()).contains("  alert             Circuit breaker open (event-api on ");
    // Every state change reached New Relic: as an event, or counted in one.
    assertThat(alerts.transitions()).isPositive();
    assertThat(alerts.represented()).isEqualTo(alerts.transitions());
    assertThat(alerts.lostChanges()).isZero();
    assertThat(out.toString()).contains("  change events     " + alerts.transitions() + " state changes: ")
        .contains("; none lost.");

    Document html = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
    assertThat(html.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("Breakwater demo report");
    assertThat(html.getElementsByTagName("svg").getLength()).as("a chart per breaker, delivery, alerts")
        .isEqualTo(result.breakers().size() + 2);
    assertThat(html.getElementsByTagName("polyline").getLength()).isGreaterThanOrEqualTo(7);
    assertThat(Files.readString(report)).contains("Nothing lost")
        .doesNotContain("<script", "src=", "href=", "@import", "url("); // self-contained
    HeadlessChromium.ifInstalled(chromium -> {
      HeadlessChromium.Rendering r =
          chromium.render(report.toUri(), dir.resolve("report.png"), 1100, 1800);
      assertThat(r.exitCode()).as("chromium exit code; its log:%n%s", r.log()).isZero();
      assertThat(r.dom()).contains("Breakwater demo report", "Nothing lost", "<svg", "<h2>Alerts</h2>",
          "Circuit breaker open", "CircuitBreakerStateChange events");
      assertThat(r.consoleErrors()).isEmpty();
      assertThat(Files.size(dir.resolve("report.png"))).isGreaterThan(10_000);
    });
  }

  @Test
  void scenariosAreScaledToTheDurationAndBadOnesAreRefused() {
    Scenario s = Scenario.bundled().scaledTo(Duration.ofSeconds(60));
    assertThat(s.length()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.phases()).extracting(Scenario.Phase::name).containsExactly("healthy",
        "Event API answers 503", "slow responses past the timeout", "429 with Retry-After",
        "NerdGraph errors", "healthy again");
    assertThat(s.phaseAt(Duration.ofSeconds(10)).name()).isEqualTo("Event API answers 503");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Scenario.parse("{\"phases\":[{\"name\":\"x\"}]}"))
        .hasMessage("phase 1 ('x'): \"seconds\" is missing; give the phase's length, e.g. \"seconds\": 5");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Scenario.parse(
        "{\"phases\":[{\"name\":\"x\",\"seconds\":1,\"events\":{\"graphQlError\":\"TIMEOUT\"}}]}"))
        .hasMessage("phase 1 ('x'), events: graphQlError applies to nerdgraph only");
  }

  private static String transitions(String summary, String breaker) {
    List<String> lines = summary.lines().collect(Collectors.toList());
    StringBuilder s = new StringBuilder();
    boolean in = false;
    for (String line : lines) {
      if (line.startsWith("    ") && !line.startsWith("      ")) {
        in = line.strip().startsWith(breaker);
      } else if (in && line.startsWith("      ")) {
        s.append(line).append('\n');
      }
    }
    return s.toString();
  }
}
