package dev.breakwater.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.breakwater.testkit.HeadlessChromium;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The HTML report is one self-contained page that a browser renders without errors. The
 * screenshot is kept at {@code target/simulation-report.png} for a person to look at.
 */
class HtmlReportTest {
  private static final Path TARGET = Path.of("target");

  private static String html() {
    return SimulationReportTest.report(SimulationReportTest.threeCandidates()).html();
  }

  @Test
  void thePageFetchesNothingAndRunsNoScript() {
    String html = html();

    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
        .doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("@import").doesNotContain("url(");
    assertThat(Pattern.compile("(src|href)\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find()).isFalse();
    assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http:").doesNotContain("https:");
  }

  @Test
  void thePageShowsEveryCandidatesBandThePhasesAndTheRecommendation() {
    String html = html();

    for (String name : List.of("failureThreshold=5,retryDelay=3s", "failureThreshold=3,retryDelay=3s",
        "failureThreshold=10,retryDelay=3s")) {
      assertThat(html).contains("<title>" + name + "</title>");
    }
    assertThat(html).contains("Recommended: <code>failureThreshold=10,retryDelay=3s</code>")
        .contains("<h2>Fault: outage <small>(10–20 s)</small></h2>").contains("retry-delay: 3s")
        .contains("<td class=\"n\">410 ms</td>");
  }

  @Test
  void headlessChromiumRendersThePageWithoutErrors() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "chromium is not installed");
    Files.createDirectories(TARGET);
    Path page = TARGET.resolve("simulation-report.html").toAbsolutePath();
    Files.writeString(page, html(), StandardCharsets.UTF_8);
    Path screenshot = TARGET.resolve("simulation-report.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);

    HeadlessChromium.ifInstalled(chromium -> {
      HeadlessChromium.Rendering r = chromium.render(page.toUri(), screenshot, 1100, 1800);

      assertThat(r.exitCode()).as(r.log()).isZero();
      assertThat(r.consoleErrors()).isEmpty();
      assertThat(r.dom()).contains("Breakwater simulation report").contains("failureThreshold=10,retryDelay=3s")
          .contains("<svg");
      assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    });
  }
}
