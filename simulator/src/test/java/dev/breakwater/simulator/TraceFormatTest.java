package dev.breakwater.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trace CSV format: what it accepts, and a malformed line named by its number. */
class TraceFormatTest {
  @TempDir
  Path dir;

  @Test
  void readsLinesInAnyOrderWithDecimalsQuotedErrorsAndTheShortHeader() {
    Workload w = Traces.parse("offset_ms, duration_ms, outcome\r\n"
        + "250,5,failure,\"Read timed out, retrying\"\r\n"
        + "0,12.5,success\n"
        + "\n"
        + "100,0.000001,TIMEOUT,\"she said \"\"no\"\"\"\n");

    Calls calls = w.calls();
    assertThat(calls.starts).containsExactly(0L, 100_000_000L, 250_000_000L);
    assertThat(calls.durations).containsExactly(12_500_000L, 1L, 5_000_000L);
    assertThat(calls.outcomes).containsExactly(Calls.SUCCESS, Calls.TIMEOUT, Calls.FAILURE);
  }

  @Test
  void callsWithTheSameOffsetKeepTheirOrderInTheFile() {
    Workload w = Traces.of("5,1,failure,", "5,2,success,", "5,3,timeout,", "1,4,success,");

    assertThat(w.calls().durations).containsExactly(4_000_000L, 1_000_000L, 2_000_000L, 3_000_000L);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "0,10,sucess,| line 3: outcome must be success, failure or timeout, was 'sucess' (did you mean success?)",
      "-5,10,success,| line 3: offset_ms must be a number of milliseconds >= 0, like 1250 or 12.5, was '-5'",
      "12,ten,success,| line 3: duration_ms must be a number of milliseconds >= 0, like 1250 or 12.5, was 'ten'",
      "12;10;success| line 3: expected offset_ms,duration_ms,outcome[,error], found '12;10;success'",
      "12,10| line 3: expected offset_ms,duration_ms,outcome[,error], found '12,10'",
      "12,1.1234567,success,| line 3: duration_ms has more than six decimals (finer than a nanosecond): '1.1234567'",
      "12,10,failure,\"unterminated| line 3: the quoted error has no closing quote (a quoted error must fit on one line)",
      "99999999999999,1,success,| line 3: offset_ms must be at most a year, was '99999999999999'"})
  void aMalformedLineIsNamedByItsNumber(String badLine, String message) {
    String csv = "offset_ms,duration_ms,outcome,error\n0,10,success,\n" + badLine + "\n20,10,success,\n";

    assertThatThrownBy(() -> Traces.parse(csv)).isInstanceOf(IllegalArgumentException.class).hasMessage(message.strip());
  }

  @Test
  void theHeaderIsRequired() {
    assertThatThrownBy(() -> Traces.parse("0,10,success,\n"))
        .hasMessage("line 1: the first line must be the header offset_ms,duration_ms,outcome,error, was '0,10,success,'");
    assertThatThrownBy(() -> Traces.parse("")).hasMessageContaining("the trace is empty");
    assertThatThrownBy(() -> Traces.parse("offset_ms,duration_ms,outcome,error\n"))
        .hasMessage("the trace holds no calls, only the header");
  }

  @Test
  void aFileNamesItselfInItsMessages() throws Exception {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "offset_ms,duration_ms,outcome,error\n0,1,success,\n1,1,maybe,\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Workload.trace(file))
        .hasMessage(file + ": line 3: outcome must be success, failure or timeout, was 'maybe'");
  }

  @Test
  void writesWholeMillisecondsWhenExactAndDecimalsOtherwise() {
    StringBuilder line = new StringBuilder();
    TraceLine.append(line, 1_250_000_000L, 12_500_000L, Calls.FAILURE, "java.io.IOException: a, b");
    assertThat(line).hasToString("1250,12.5,failure,\"java.io.IOException: a, b\"");
    line.setLength(0);
    TraceLine.append(line, 7L, 0, Calls.TIMEOUT, "");
    assertThat(line).hasToString("0.000007,0,timeout,");
  }
}
