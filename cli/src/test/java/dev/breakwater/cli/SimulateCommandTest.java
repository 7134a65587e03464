package dev.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code breakwater simulate}, run through picocli directly: the figures of a hand-computable
 * trace as JSON, the table, the HTML report, and bad input reported with exit code 2.
 */
class SimulateCommandTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int simulate(String... args) {
    CommandLine cli = new CommandLine(new SimulateCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** 40 calls, one every 100 ms, 10 ms each; calls 10-19 (1.0 s to 1.9 s) fail. */
  private Path trace() throws Exception {
    StringBuilder csv = new StringBuilder("offset_ms,duration_ms,outcome,error\n");
    for (int k = 0; k < 40; k++) {
      csv.append(k * 100).append(",10,").append(k >= 10 && k < 20 ? "failure,java.io.IOException" : "success,")
          .append('\n');
    }
    Path file = dir.resolve("trace.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    return file;
  }

  /*
   * failureThreshold=3,retryDelay=500ms: 1.0, 1.1, 1.2 fail, OPEN at 1.21; the trial at 1.8 fails
   * (OPEN 1.81); trials 2.4 and 2.5 succeed, CLOSED at 2.51. Through: 3 failures + 1 failed trial
   * = 4; rejected successes 2.0-2.3 = 4; opens 2; trials 3.
   * failureThreshold=5,retryDelay=1s: 1.0-1.4 fail, OPEN at 1.41; trials 2.5, 2.6 succeed. Through
   * 5; rejected successes 2.0-2.4 = 5; opens 1; trials 2.
   * failureThreshold=20: never opens: all 10 failures through.
   */
  @Test
  void printsOneJsonObjectPerCandidateWithTheHandComputedFigures() throws Exception {
    int exit = simulate("--trace", trace().toString(), "--candidate", "failureThreshold=3,retryDelay=500ms",
        "--candidate", "failureThreshold=5,retryDelay=1s", "--candidate", "failureThreshold=20", "--json");

    assertThat(exit).as(err.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.isArray()).isTrue();
    List<String> figures = new ArrayList<>();
    for (JsonNode c : json) {
      figures.add(c.get("candidate").asText() + ": failedCallsAdmitted=" + c.get("failedCallsAdmitted").asLong()
          + " healthyCallsRejected=" + c.get("healthyCallsRejected").asLong() + " opens=" + c.get("opens").asLong()
          + " trialCalls=" + c.get("trialCalls").asLong());
    }
    assertThat(figures).containsExactly(
        "failureThreshold=3,retryDelay=500ms: failedCallsAdmitted=4 healthyCallsRejected=4 opens=2 trialCalls=3",
        "failureThreshold=5,retryDelay=1s: failedCallsAdmitted=5 healthyCallsRejected=5 opens=1 trialCalls=2",
        "failureThreshold=20: failedCallsAdmitted=10 healthyCallsRejected=0 opens=0 trialCalls=0");
    JsonNode fault = json.get(0).get("phases").get(1);
    assertThat(fault.get("fault").asBoolean()).isTrue();
    assertThat(fault.get("startMs").asLong()).isEqualTo(1000);
    assertThat(fault.get("detectionDelayMs").asLong()).isEqualTo(210);
    assertThat(fault.get("recoveryDelayMs").asLong()).isEqualTo(510);
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void printsTheTableAndWritesTheReportForAGrid() throws Exception {
    Path report = dir.resolve("report.html");

    int exit = simulate("--trace", trace().toString(), "--grid", "failureThreshold=2..4,retryDelay=500ms|1s",
        "--report", report.toString(), "--name", "inventory");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("failureThreshold=2,retryDelay=500ms").contains("Recommended: ")
        .contains(".builder(\"inventory\")").contains("Report: " + report.toAbsolutePath());
    assertThat(Files.readString(report)).startsWith("<!DOCTYPE html>").contains("failureThreshold=4,retryDelay=1s");
  }

  @Test
  void aMalformedTraceLineIsReportedWithItsNumber() throws Exception {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "offset_ms,duration_ms,outcome,error\n0,10,success,\n100,10,sucess,\n", StandardCharsets.UTF_8);

    int exit = simulate("--trace", file.toString(), "--candidate", "failureThreshold=5");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--trace " + file + ": line 3: outcome must be success, failure or timeout, "
        + "was 'sucess' (did you mean success?)");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void badCandidatesAndOptionsAreNamed() throws Exception {
    String trace = trace().toString();

    assertThat(simulate("--trace", trace, "--candidate", "failureTreshold=5")).isEqualTo(2);
    assertThat(err.toString()).contains("--candidate 'failureTreshold=5': unknown setting 'failureTreshold' "
        + "(did you mean failureThreshold?)");
    assertThat(simulate("--trace", trace, "--candidate", "retryDelay=soon")).isEqualTo(2);
    assertThat(err.toString()).contains("retryDelay: 'soon' is not a duration like 500ms, 10s or 2m");
    assertThat(simulate("--trace", trace, "--grid", "failureThreshold=9..3")).isEqualTo(2);
    assertThat(err.toString()).contains("--grid 'failureThreshold=9..3': failureThreshold=9..3: a range runs from");
    assertThat(simulate("--trace", trace, "--candidate", "retryJitter=0.3")).isEqualTo(2);
    assertThat(err.toString()).contains("retryJitter 0.3 cannot be simulated exactly");
    assertThat(simulate("--trace", trace, "--rate", "50")).isEqualTo(2);
    assertThat(err.toString()).contains("a --trace is replayed as recorded");
    assertThat(simulate("--candidate", "failureThreshold=5")).isEqualTo(2);
    assertThat(err.toString()).contains("give the traffic to replay: --trace FILE");
    assertThat(simulate("--trace", dir.resolve("missing.csv").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("missing.csv: the file does not exist");
    assertThat(simulate("--trace", trace, "--report", dir.resolve("nowhere/r.html").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("does not exist");
  }

  @Test
  void simulatesTheDemosScenarioForOneApi() throws Exception {
    Path scenario = dir.resolve("scenario.json");
    try (var in = SimulateCommandTest.class.getResourceAsStream("default-scenario.json")) {
      Files.write(scenario, in.readAllBytes());
    }

    int exit = simulate("--scenario", scenario.toString(), "--api", "events", "--rate", "10", "--latency", "20ms",
        "--candidate", "failureThreshold=3,retryDelay=2s,timeout=1s", "--json");

    assertThat(exit).as(err.toString()).isZero();
    JsonNode c = new ObjectMapper().readTree(out.toString()).get(0);
    assertThat(c.get("calls").asLong()).isEqualTo(300);
    assertThat(c.get("opens").asLong()).isEqualTo(8);
    assertThat(c.get("phases").get(1).get("name").asText()).isEqualTo("Event API answers 503");
    assertThat(c.get("phases").get(1).get("detectionDelayMs").asLong()).isEqualTo(220);
    assertThat(simulate("--scenario", scenario.toString(), "--api", "event")).isEqualTo(2);
    assertThat(err.toString()).contains("--api: api must be events, metrics or nerdgraph, was 'event' (did you mean events?)");
  }

  /** As {@code breakwater simulate}, with the CLI's own reporting of bad input. */
  @Test
  void badInputReadsAsTheRestOfTheCliUnderBreakwater() throws Exception {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "offset_ms,duration_ms,outcome,error\n0,10,success,\n100,-1,failure,\n", StandardCharsets.UTF_8);
    CommandLine cli = new CommandLine(new Main(), new Main.Factory(Map.of()));
    if (!cli.getSubcommands().containsKey("simulate")) {
      cli.addSubcommand("simulate", new SimulateCommand());
    }
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setParameterExceptionHandler(new UsageErrors());

    int exit = cli.execute("simulate", "--trace", file.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).isEqualTo("breakwater: --trace " + file + ": line 3: duration_ms must be a number of "
        + "milliseconds >= 0, like 1250 or 12.5, was '-1'" + System.lineSeparator()
        + "See 'breakwater simulate --help'." + System.lineSeparator());
  }
}
