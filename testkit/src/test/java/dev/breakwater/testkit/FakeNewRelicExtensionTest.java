package dev.breakwater.testkit;

import static dev.breakwater.testkit.Http.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The extension's lifecycle, driven by hand (its callbacks do not look at the context): a fresh
 * fake per test in an instance field, one shared and cleared fake in a static field.
 * {@link FakeNewRelicExtensionInJUnitTest} runs it under JUnit itself.
 */
class FakeNewRelicExtensionTest {
  private static final String EVENTS = "/v1/accounts/1234567/events";

  private static int sendEvent(FakeNewRelic fake) throws Exception {
    return post(fake.eventApiUrl(), EVENTS, "[{\"eventType\":\"Probe\"}]", "Api-Key", fake.licenseKey())
        .statusCode();
  }

  @Test
  void inAnInstanceFieldEachTestGetsAFreshFakeClosedAfterIt() throws Exception {
    FakeNewRelicExtension extension = FakeNewRelicExtension.create();
    assertThatThrownBy(extension::fake).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("no FakeNewRelic is running");

    extension.beforeEach(null);
    FakeNewRelic first = extension.fake();
    assertThat(sendEvent(first)).isEqualTo(200);
    extension.afterEach(null);
    assertThatThrownBy(extension::fake).isInstanceOf(IllegalStateException.class);
    URI closed = first.baseUri();
    assertThatThrownBy(() -> post(closed, EVENTS, "[]")).isInstanceOf(IOException.class);

    extension.beforeEach(null);
    assertThat(extension.fake()).isNotSameAs(first);
    assertThat(extension.fake().events()).isEmpty();
    extension.afterEach(null);
  }

  @Test
  void inAStaticFieldTheClassSharesOneFakeClearedBeforeEachTest() throws Exception {
    FakeNewRelicExtension extension = FakeNewRelicExtension.of(FakeNewRelic.builder().accountId(7));
    extension.beforeAll(null);
    FakeNewRelic shared = extension.fake();
    assertThat(shared.accountId()).isEqualTo(7);

    extension.beforeEach(null);
    shared.faults().always(Api.EVENTS, Fault.status(503));
    post(shared.eventApiUrl(), "/v1/accounts/7/events", "[{\"eventType\":\"Probe\"}]", "Api-Key",
        shared.licenseKey());
    assertThat(shared.requests()).hasSize(1);
    extension.afterEach(null);

    extension.beforeEach(null);
    assertThat(extension.fake()).isSameAs(shared);
    assertThat(shared.requests()).isEmpty();
    assertThat(shared.faults().describeCurrent(Api.EVENTS)).isEmpty();
    extension.afterEach(null);

    extension.afterAll(null);
    assertThatThrownBy(extension::fake).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> post(shared.baseUri(), EVENTS, "[]")).isInstanceOf(IOException.class);
  }
}
