package dev.breakwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code breakwater demo --help} documents the scenario format: every key, and an example that parses. */
class DemoHelpTest {

  private static String help() {
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"demo", "--help"}, Map.of(), new PrintWriter(out, true),
        new PrintWriter(new StringWriter(), true));
    assertThat(code).isZero();
    return out.toString();
  }

  @Test
  void everyKeyTheParserAcceptsIsDocumented() {
    String help = help();
    List<String> keys = new ArrayList<>();
    keys.addAll(ScenarioFormat.ROOT_KEYS);
    keys.addAll(ScenarioFormat.PHASE_KEYS);
    keys.addAll(ScenarioFormat.FAULT_KEYS);
    for (String key : keys) {
      assertThat(help).as("the help documents %s", key).containsPattern("(?m)^\\s+" + key + "\\s{2,}\\S");
    }
    assertThat(help).contains(ScenarioFormat.GRAPHQL_ERROR_CLASSES);
  }

  @Test
  void theExampleInTheHelpParses() {
    String help = help();
    int start = help.indexOf("\n{", help.indexOf("Example"));
    int end = help.indexOf("\n}", start);
    Scenario example = Scenario.parse(help.substring(start, end + 2));
    assertThat(example.phases()).hasSize(8);
  }

  @Test
  void theHelpFitsEightyColumns() {
    assertThat(help().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
  }
}
