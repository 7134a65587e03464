package dev.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.testkit.Api;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario format is strict: every mistake is named, none is silently ignored. */
class ScenarioParserTest {

  private static String oneFault(String api, String fault) {
    return "{\"phases\": [{\"name\": \"p\", \"seconds\": 2, \"" + api + "\": " + fault + "}]}";
  }

  @Test
  void everyKindOfFaultParses() {
    Scenario s = Scenario.parse(ScenarioFormat.EXAMPLE);
    assertThat(s.phases()).hasSize(8);
    assertThat(s.description()).isEqualTo("A bad afternoon at New Relic.");
    assertThat(s.length()).isEqualTo(Duration.ofSeconds(36));
    assertThat(s.phases().get(0).faults()).isEmpty();
    assertThat(s.phases().get(2).faults().get(Api.EVENTS)).hasToString(Scenario.parse(
        oneFault("events", "{\"status\": 504, \"delayMillis\": 3000}")).phases().get(0).faults().get(Api.EVENTS).toString());
    assertThat(s.phases().get(5).faults()).containsOnlyKeys(Api.EVENTS, Api.METRICS);
    assertThat(s.phases().get(6).faults()).containsOnlyKeys(Api.NERDGRAPH);
  }

  @Test
  void theBuiltInScenarioIsThePrefixOfTheDocumentedExample() {
    List<String> bundled = Scenario.bundled().phases().stream().map(Scenario.Phase::name).toList();
    assertThat(bundled).containsExactly("healthy", "Event API answers 503", "slow responses past the timeout",
        "429 with Retry-After", "NerdGraph errors", "healthy again");
  }

  @Test
  void unknownKeysAreNamedAtEveryLevel() {
    assertThatThrownBy(() -> Scenario.parse("{\"phases\": [{\"seconds\": 1}], \"descripton\": \"x\"}"))
        .hasMessage("the top level: unknown key \"descripton\" (did you mean \"description\"?)");
    assertThatThrownBy(() -> Scenario.parse("{\"phases\": [{\"seconds\": 1, \"Name\": \"x\"}]}"))
        .hasMessage("phase 1: unknown key \"Name\" (did you mean \"name\"?)");
    assertThatThrownBy(() -> Scenario.parse(oneFault("events", "{\"status\": 429, \"retryAfter\": 1}")))
        .hasMessage("phase 1 ('p'), events: unknown key \"retryAfter\" (did you mean \"retryAfterSeconds\"?)");
    assertThatThrownBy(() -> Scenario.parse(oneFault("metrics", "{\"timeout\": true}")))
        .hasMessageStartingWith("phase 1 ('p'), metrics: unknown key \"timeout\"; the keys here are status, ");
  }

  @Test
  void aFaultIsExactlyOneKind() {
    assertThatThrownBy(() -> Scenario.parse(oneFault("events", "{\"status\": 503, \"drop\": true}")))
        .hasMessage("phase 1 ('p'), events: status and drop cannot be combined; a fault is of one kind");
    assertThatThrownBy(() -> Scenario.parse(oneFault("events", "{}")))
        .hasMessage("phase 1 ('p'), events: a fault needs one of status, latencyMillis, drop or graphQlError"
            + " (leave it out for a healthy API)");
    assertThatThrownBy(() -> Scenario.parse(oneFault("events", "{\"latencyMillis\": 5, \"delayMillis\": 5}")))
        .hasMessage("phase 1 ('p'), events: delayMillis goes with status, not with latencyMillis");
    assertThatThrownBy(() -> Scenario.parse(oneFault("events", "{\"graphQlError\": \"TIMEOUT\"}")))
        .hasMessage("phase 1 ('p'), events: graphQlError applies to nerdgraph only");
  }

  @Test
  void valuesOfTheWrongTypeOrRangeAreShownAsWritten() {
    assertThatThrownBy(() -> Scenario.parse("{\"phases\": [{\"seconds\": \"ten\"}]}"))
        .hasMessage("phase 1: seconds must be a number > 0 and <= 86400, was \"ten\"");
    assertThatThrownBy(() -> Scenario.parse("{\"phases\": [{\"seconds\": 0}]}"))
        .hasMessage("phase 1: seconds must be a number > 0 and <= 86400, was 0");
    assertThatThrownBy(() -> Scenario.parse(oneFault("events", "{\"status\": \"503\"}")))
        .hasMessage("phase 1 ('p'), events: status must be a whole number from 200 to 599, was \"503\"");
    assertThatThrownBy(() -> Scenario.parse(oneFault("events", "{\"status\": 700}")))
        .hasMessage("phase 1 ('p'), events: status must be a whole number from 200 to 599, was 700");
    assertThatThrownBy(() -> Scenario.parse(oneFault("events", "{\"status\": 503, \"delayMillis\": -1}")))
        .hasMessage("phase 1 ('p'), events: delayMillis must be a whole number from 0 to 600000, was -1");
    assertThatThrownBy(() -> Scenario.parse(oneFault("events", "{\"drop\": false}")))
        .hasMessage("phase 1 ('p'), events: drop must be true (leave the fault out for a healthy API), was false");
    assertThatThrownBy(() -> Scenario.parse(oneFault("events", "503")))
        .hasMessage("phase 1 ('p'), events: a fault is an object like {\"status\": 503}, not a number (503)");
    assertThatThrownBy(() -> Scenario.parse("{\"phases\": [{\"name\": 7, \"seconds\": 1}]}"))
        .hasMessage("phase 1: name must be a non-empty string, was 7");
  }

  @Test
  void theShapeOfTheDocumentIsChecked() {
    assertThatThrownBy(() -> Scenario.parse("[]"))
        .hasMessage("a scenario is a JSON object with a \"phases\" list, not a list");
    assertThatThrownBy(() -> Scenario.parse("{\"phases\": []}"))
        .hasMessage("a scenario needs a non-empty \"phases\" list, was []");
    assertThatThrownBy(() -> Scenario.parse("{\"description\": \"x\"}"))
        .hasMessage("a scenario needs a non-empty \"phases\" list");
    assertThatThrownBy(() -> Scenario.parse(""))
        .hasMessage("the file is empty; a scenario is a JSON object with a \"phases\" list");
  }

  @Test
  void jsonSyntaxErrorsGiveLineAndColumnAndNoParserInternals() {
    List<String> broken = List.of("{\"phases\": [}", "{\"phases\": [", "{'phases': []}", "{\"phases\": tru}",
        "{\"phases\": [],}", "{\"phases\": []}}", "{\"phases\": []} trailing", "// comment\n{}",
        "{\"phases\": [], \"phases\": []}", "{\"a\": \"x\ny\"}", "{\"a\": 01}", "{\"a\" 1}", "{\"a\": NaN}",
        "\u00ff{");
    List<String> messages = new ArrayList<>();
    for (String json : broken) {
      assertThatThrownBy(() -> Scenario.parse(json)).isInstanceOf(IllegalArgumentException.class)
          .satisfies(e -> messages.add(e.getMessage()));
    }
    assertThat(messages).allSatisfy(m -> assertThat(m)
        .matches("not valid JSON at line \\d+, column \\d+: [a-z].*")
        .doesNotContain("Source", "`", "(code", "Feature", "jackson", "Exception", "\n"));
    assertThat(messages.get(2)).isEqualTo("not valid JSON at line 1, column 2: a key was expected here;"
        + " JSON keys are in double quotes");
    assertThat(messages.get(7)).endsWith("comments are not allowed in JSON (put notes in \"description\")");
    assertThat(messages.get(8)).isEqualTo("not valid JSON at line 1, column 24: duplicate key 'phases'");
  }

  @Test
  void aFileThatIsNotAScenarioIsRefusedWithoutReadingItAll(@TempDir Path dir) throws Exception {
    Path big = Files.write(dir.resolve("big.json"), new byte[Scenario.MAX_BYTES + 10]);
    assertThatThrownBy(() -> Scenario.read(big)).hasMessage("is larger than 1 MB; is it really a scenario?");
    assertThatThrownBy(() -> Scenario.read(dir)).hasMessage("is a directory, not a file");
    assertThatThrownBy(() -> Scenario.read(dir.resolve("none.json"))).hasMessage("the file does not exist");
  }
}
