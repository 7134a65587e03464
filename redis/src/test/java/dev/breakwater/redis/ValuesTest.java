package dev.breakwater.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.CircuitState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the fleet stores in Redis reads back as written, and foreign values are ignored. */
class ValuesTest {

  @Test
  void anOverrideReadsBackWithAReasonOfSeveralLines() {
    String stored = FleetOverride.encode(CircuitState.DISABLED, "ops\n@laptop", "line one\nline two");

    assertThat(FleetOverride.decode("payments", stored, 1234)).contains(new FleetOverride("payments",
        CircuitState.DISABLED, Duration.ofMillis(1234), "ops @laptop", "line one\nline two"));
  }

  @Test
  void anOverrideWithoutATtlOrOfAnotherShapeIsIgnored() {
    String stored = FleetOverride.encode(CircuitState.FORCED_OPEN, "a", "b");

    assertThat(FleetOverride.decode("p", stored, -1)).isEmpty();
    assertThat(FleetOverride.decode("p", stored, 0)).isEmpty();
    assertThat(FleetOverride.decode("p", "OPEN\na\nb", 1000)).isEmpty();
    assertThat(FleetOverride.decode("p", "1", 1000)).isEmpty();
    assertThat(FleetOverride.decode("p", null, 1000)).isEmpty();
  }

  @Test
  void aBreakerReportReadsBack() {
    BreakerReport report = new BreakerReport("search", CircuitState.HALF_OPEN, true, 40, 10);

    assertThat(BreakerReport.decode("search", report.encode())).contains(report);
    assertThat(report.windowFailureRate()).isEqualTo(25.0);
    assertThat(BreakerReport.decode("search", "SIDEWAYS\nlocal\n1\n2")).isEmpty();
    assertThat(BreakerReport.decode("search", "OPEN\nlocal\nx\n2")).isEmpty();
  }

  @Test
  void keysShareTheFleetsHashTagAndThePatternEscapesGlobCharacters() {
    Keys keys = new Keys("a*b");

    assertThat(keys.override("pay:ments")).isEqualTo("breakwater:{a*b}:override:pay:ments");
    assertThat(keys.instance("host-1")).isEqualTo("breakwater:{a*b}:instance:host-1");
    assertThat(keys.channel()).isEqualTo("breakwater:{a*b}:events");
    assertThat(keys.overridePattern()).isEqualTo("breakwater:{a\\*b}:override:*");
    assertThat(keys.breakerOfOverride(keys.override("pay:ments"))).isEqualTo("pay:ments");
  }

  @Test
  void noticesWakeTheWorkerForWhatChangedAndIgnoreTheInstancesOwn() {
    assertThat(Messages.signalFor(Messages.override("p"), "me")).isEqualTo(Wakeup.OVERRIDES);
    assertThat(Messages.signalFor(Messages.state("other", "p"), "me")).isEqualTo(Wakeup.FLEET);
    assertThat(Messages.signalFor(Messages.state("me", "p"), "me")).isZero();
    assertThat(Messages.signalFor("something else", "me")).isZero();
  }

  @Test
  void durationsReadWell() {
    assertThat(Readable.millis(750)).isEqualTo("750 ms");
    assertThat(Readable.millis(5_000)).isEqualTo("5 s");
    assertThat(Readable.millis(2_500)).isEqualTo("2.5 s");
    assertThat(Readable.millis(29_998)).isEqualTo("30 s");
    assertThat(Readable.millis(600_000)).isEqualTo("10 min");
    assertThat(Readable.millis(86_400_000)).isEqualTo("24 h");
  }
}
