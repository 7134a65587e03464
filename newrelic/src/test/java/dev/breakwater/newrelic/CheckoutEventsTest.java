package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.newrelic.DeliveryReport;
import dev.breakwater.newrelic.EventApiClient;
import dev.breakwater.newrelic.NewRelicConfig;
import dev.breakwater.testkit.Api;
import dev.breakwater.testkit.FakeNewRelic;
import dev.breakwater.testkit.FakeNewRelicExtension;
import dev.breakwater.testkit.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CheckoutEventsTest {
  @RegisterExtension
  final FakeNewRelicExtension newRelic = FakeNewRelicExtension.create();

  @Test
  void anOutageIsRetriedAndNothingIsLost(FakeNewRelic fake) {
    fake.faults().next(Api.EVENTS, 2, Fault.status(503));
    EventApiClient events = EventApiClient.builder(NewRelicConfig.fromEnvironment(fake.environment()))
        .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build();
    DeliveryReport report = events.send(List.of(Map.of("eventType", "Checkout", "total", 42)));
    assertThat(report.retries()).isEqualTo(2);
    assertThat(fake.events("Checkout")).singleElement().satisfies(e -> assertThat(e).containsEntry("total", 42));
  }
}
