package dev.breakwater.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension in an instance field, as users register it, run by JUnit. */
class FakeNewRelicExtensionInJUnitTest {
  private static final List<FakeNewRelic> SEEN = new CopyOnWriteArrayList<>();

  @RegisterExtension
  final FakeNewRelicExtension newRelic = FakeNewRelicExtension.create();

  @AfterAll
  static void everyTestHadItsOwnFakeAndEachIsClosed() {
    assertThat(SEEN).isNotEmpty().doesNotHaveDuplicates()
        .allSatisfy(f -> assertThat(f.toString()).endsWith(", closed}"));
  }

  @Test
  void aParameterGetsTheRunningFake(FakeNewRelic fake) {
    assertThat(fake).isSameAs(newRelic.fake());
    assertThat(fake.environment()).containsEntry("NEW_RELIC_EVENT_API_URL", fake.eventApiUrl().toString());
    SEEN.add(fake);
  }

  @Test
  void anotherTestGetsAnotherFake() {
    assertThat(newRelic.fake().events()).isEmpty();
    SEEN.add(newRelic.fake());
  }
}
