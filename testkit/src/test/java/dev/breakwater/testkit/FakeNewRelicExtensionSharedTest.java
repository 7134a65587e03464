package dev.breakwater.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension in a static field, run by JUnit: one fake for the class, cleared before each test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakeNewRelicExtensionSharedTest {
  @RegisterExtension
  static final FakeNewRelicExtension NEW_RELIC = FakeNewRelicExtension.create();
  private static FakeNewRelic first;

  @Test
  @Order(1)
  void leavesAFaultAndARequestBehind(FakeNewRelic fake) throws Exception {
    first = fake;
    fake.faults().always(Api.EVENTS, Fault.status(503));
    assertThat(Http.post(fake.eventApiUrl(), "/v1/accounts/1234567/events", "[]", "Api-Key", fake.licenseKey())
        .statusCode()).isEqualTo(503);
    assertThat(fake.requests()).hasSize(1);
  }

  @Test
  @Order(2)
  void findsTheSameFakeCleared(FakeNewRelic fake) {
    assertThat(fake).isSameAs(NEW_RELIC.fake());
    if (first != null) { // null when this test runs alone
      assertThat(fake).isSameAs(first);
    }
    assertThat(fake.requests()).isEmpty();
    assertThat(fake.faults().describeCurrent(Api.EVENTS)).isEmpty();
  }
}
