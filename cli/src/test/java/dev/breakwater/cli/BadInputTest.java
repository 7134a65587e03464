package dev.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input of issue 10 ("The CLI with bad input"): one line on stderr naming what is wrong,
 * one hint, exit code 2; no usage text, no stack trace, nothing on stdout, and nothing started.
 * Runs {@link Main#run} in-process with its own environment map (no System.exit).
 */
class BadInputTest {
  private static final String CANARY_KEY = "canary-cli-bad-input-7f3c";

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  @TempDir
  Path dir;

  private int run(Map<String, String> env, String... args) {
    return Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private int run(String... args) {
    return run(Map.of(), args);
  }

  /** Asserts the contract and returns the one line (without "breakwater: "). */
  private String oneLineAndHint(int code, String command) {
    assertThat(code).as("exit code; stderr: %s", err).isEqualTo(2);
    List<String> lines = err.toString().lines().toList();
    assertThat(lines).as("stderr").hasSize(2);
    assertThat(lines.get(0)).startsWith("breakwater: ");
    assertThat(lines.get(1)).isEqualTo("See '" + command + " --help'.");
    assertThat(err.toString()).doesNotContain("Usage:", "\tat ", "Exception", "jackson", "picocli");
    assertThat(out.toString()).as("stdout").isEmpty();
    return lines.get(0).substring("breakwater: ".length());
  }

  @Test
  void aDurationThatIsNotOneSaysWhatDurationsLookLike() {
    assertThat(oneLineAndHint(run("demo", "--duration", "banana"), "breakwater demo"))
        .isEqualTo("invalid value for option '--duration': 'banana' is not a duration like 30s, 2m or 500ms");
  }

  @Test
  void aNegativeDurationEchoesWhatWasTypedNotItsIsoForm() {
    assertThat(oneLineAndHint(run("demo", "--duration", "-5s"), "breakwater demo"))
        .isEqualTo("invalid value for option '--duration': '-5s' is negative: the demo needs at least 3s")
        .doesNotContain("PT");
  }

  @Test
  void aTooShortOrTooLongDurationSaysTheRange() {
    assertThat(oneLineAndHint(run("demo", "--duration=1500ms"), "breakwater demo"))
        .isEqualTo("invalid value for option '--duration': '1500ms' is too short: the demo needs at least 3s");
  }

  @Test
  void aRateOutOfRangeOrNotANumberIsNamed() {
    assertThat(oneLineAndHint(run("demo", "--rate", "0"), "breakwater demo"))
        .isEqualTo("invalid value for option '--rate': '0' is out of range: use 1 to 100000 events per second");
    err.getBuffer().setLength(0);
    assertThat(oneLineAndHint(run("demo", "--seed", "x"), "breakwater demo"))
        .isEqualTo("invalid value for option '--seed': 'x' is not a whole number");
  }

  @Test
  void anAccountIdThatIsNotANumberSaysWhatAnAccountIdIs() {
    assertThat(oneLineAndHint(run("dashboard", "create", "--account-id", "abc"), "breakwater dashboard create"))
        .isEqualTo("invalid value for option '--account-id': 'abc' is not an account id (a positive whole number)")
        .doesNotContain("long");
  }

  @Test
  void aBadRegionOptionNamesTheOptionAndTheValue() {
    assertThat(oneLineAndHint(run("dashboard", "create", "--account-id", "1", "--region", "MARS", "--dry-run"),
        "breakwater dashboard create"))
        .isEqualTo("invalid value for option '--region': 'MARS' is not a region: use US or EU");
  }

  @Test
  void aBadRegionVariableNamesTheVariableAndTheValue() {
    int code = run(Map.of("NEW_RELIC_REGION", "MARS", "NEW_RELIC_API_KEY", CANARY_KEY),
        "dashboard", "create", "--account-id", "1");
    assertThat(oneLineAndHint(code, "breakwater dashboard create"))
        .isEqualTo("invalid value for environment variable NEW_RELIC_REGION: 'MARS' is not a region: use US or EU");
    assertThat(err.toString()).doesNotContain(CANARY_KEY);
  }

  @Test
  void aBadRegionVariableIsReportedForLiveDemosToo() {
    Map<String, String> env = Map.of("NEW_RELIC_REGION", "MARS", "NEW_RELIC_ACCOUNT_ID", "1",
        "NEW_RELIC_LICENSE_KEY", CANARY_KEY, "NEW_RELIC_API_KEY", CANARY_KEY);
    assertThat(oneLineAndHint(run(env, "demo", "--live", "--report", dir.resolve("r.html").toString()), "breakwater demo"))
        .isEqualTo("--live: invalid value for environment variable NEW_RELIC_REGION: 'MARS' is not a region: use US or EU");
    assertThat(err.toString()).doesNotContain(CANARY_KEY);
  }

  @Test
  void aLongValueIsNotEchoedInCaseItIsAKey() {
    String misplacedKey = CANARY_KEY + "-and-more";
    int code = run(Map.of("NEW_RELIC_ACCOUNT_ID", misplacedKey), "dashboard", "create", "--dry-run");
    assertThat(oneLineAndHint(code, "breakwater dashboard create"))
        .isEqualTo("invalid value for environment variable NEW_RELIC_ACCOUNT_ID: a " + misplacedKey.length()
            + "-character value (not shown) is not an account id (a positive whole number)");
  }

  @Test
  void aScenarioFileThatDoesNotExistIsSaidToNotExist() {
    assertThat(oneLineAndHint(run("demo", "--scenario", "/nonexistent.json"), "breakwater demo"))
        .isEqualTo("--scenario /nonexistent.json: the file does not exist");
  }

  @Test
  void brokenScenarioJsonGivesLineAndColumnWithoutParserInternals() throws Exception {
    Path file = write("broken.json", "{\n  \"phases\": [\n    {\"name\": \"a\", \"seconds\": 2,}\n  ]\n}\n");
    assertThat(oneLineAndHint(run("demo", "--scenario", file.toString()), "breakwater demo"))
        .isEqualTo("--scenario " + file + ": not valid JSON at line 3, column 32: unexpected '}' where a key was"
            + " expected (a comma too many before it?)");
  }

  @Test
  void aMisspelledScenarioKeyIsNamedWithTheKeyItMeant() throws Exception {
    Path file = write("typo.json", "{\"phases\": [{\"name\": \"slow\", \"seconds\": 3,"
        + " \"events\": {\"status\": 504, \"delayMilis\": 3000}}]}");
    assertThat(oneLineAndHint(run("demo", "--scenario", file.toString()), "breakwater demo"))
        .isEqualTo("--scenario " + file + ": phase 1 ('slow'), events: unknown key \"delayMilis\""
            + " (did you mean \"delayMillis\"?)");
  }

  @Test
  void anUnknownScenarioKeyIsNamedWithTheKeysThatExist() throws Exception {
    Path file = write("unknown.json", "{\"phases\": [{\"seconds\": 3, \"faults\": {\"status\": 503}}]}");
    assertThat(oneLineAndHint(run("demo", "--scenario", file.toString()), "breakwater demo"))
        .isEqualTo("--scenario " + file + ": phase 1: unknown key \"faults\"; the keys here are name, seconds,"
            + " events, metrics or nerdgraph");
  }

  @Test
  void anUnknownFaultTypeIsNamed() throws Exception {
    Path file = write("fault.json", "{\"phases\": [{\"name\": \"x\", \"seconds\": 3,"
        + " \"nerdgraph\": {\"graphQlError\": \"INTERNAL_SERVER_EROR\"}}]}");
    assertThat(oneLineAndHint(run("demo", "--scenario", file.toString()), "breakwater demo"))
        .isEqualTo("--scenario " + file + ": phase 1 ('x'), nerdgraph: unknown graphQlError"
            + " 'INTERNAL_SERVER_EROR' (did you mean INTERNAL_SERVER_ERROR?)");
  }

  @Test
  void aReportIntoAMissingDirectoryFailsBeforeTheRunStarts() {
    Path report = dir.resolve("no-such-dir").resolve("report.html");
    int code = run("demo", "--report", report.toString());
    // oneLineAndHint also checks that stdout is empty: the live view prints its first frame at once.
    assertThat(oneLineAndHint(code, "breakwater demo"))
        .isEqualTo("--report " + report + ": the directory " + report.getParent() + " does not exist");
  }

  @Test
  void aReportThatIsADirectorySuggestsAFileInIt() {
    assertThat(oneLineAndHint(run("demo", "--report", dir.toString()), "breakwater demo"))
        .isEqualTo("--report " + dir + ": is a directory; name a file in it, e.g. "
            + dir.resolve("breakwater-demo-report.html"));
  }

  @Test
  void dashboardCreateWithNeitherKeyNorAccountReportsBothAtOnce() {
    assertThat(oneLineAndHint(run("dashboard", "create"), "breakwater dashboard create"))
        .isEqualTo("missing --account-id (or NEW_RELIC_ACCOUNT_ID) and NEW_RELIC_API_KEY (a New Relic user key)");
  }

  @Test
  void liveWithoutItsVariablesReportsAllOfThemAtOnce() {
    assertThat(oneLineAndHint(run("demo", "--live"), "breakwater demo"))
        .isEqualTo("--live: missing NEW_RELIC_ACCOUNT_ID, NEW_RELIC_LICENSE_KEY (a New Relic license key)"
            + " and NEW_RELIC_API_KEY (a New Relic user key)");
  }

  @Test
  void liveWithAScenarioIsRefusedBecauseLiveInjectsNoFaults() {
    Map<String, String> env = new HashMap<>(Map.of("NEW_RELIC_ACCOUNT_ID", "1"));
    assertThat(oneLineAndHint(run(env, "demo", "--live", "--scenario", "x.json"), "breakwater demo"))
        .isEqualTo("--scenario cannot be used with --live: a live run injects no faults");
  }

  @Test
  void aMisspelledOptionGetsASuggestionNotTheUsage() {
    assertThat(oneLineAndHint(run("demo", "--durration", "5s"), "breakwater demo"))
        .isEqualTo("unknown option '--durration' (did you mean --duration?)");
  }

  @Test
  void anUnknownOrMissingCommandListsTheCommands() {
    assertThat(oneLineAndHint(run("nonsense"), "breakwater"))
        .isEqualTo("unknown command 'nonsense': use demo, dashboard, alerts, simulate, fleet or help");
    err.getBuffer().setLength(0);
    assertThat(oneLineAndHint(run(), "breakwater"))
        .isEqualTo("missing a command: use demo, dashboard, alerts, simulate, fleet or help");
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }
}
