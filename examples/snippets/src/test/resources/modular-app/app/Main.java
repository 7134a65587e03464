package app;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.newrelic.DeliveryReport;
import dev.breakwater.newrelic.EventApiClient;
import dev.breakwater.newrelic.NewRelicConfig;
import dev.breakwater.testkit.FakeNewRelic;
import java.util.List;
import java.util.Map;

/** A modular application: a breaker, and one event sent to a FakeNewRelic over real HTTP. */
public class Main {
  public static void main(String[] args) {
    CircuitBreaker breaker = CircuitBreaker.of(CircuitBreakerConfig.builder("modular").build());
    System.out.println("call=" + breaker.call(() -> "ok"));
    try (FakeNewRelic fake = FakeNewRelic.start()) {
      NewRelicConfig config = NewRelicConfig.builder()
          .accountId(fake.accountId())
          .licenseKey(fake.licenseKey())
          .eventApiUrl(fake.eventApiUrl())
          .build();
      EventApiClient client = EventApiClient.builder(config).build();
      DeliveryReport report = client.send(List.of(Map.of("eventType", "ModularCheck", "ok", true)));
      System.out.println("delivered=" + report.complete());
      System.out.println("events=" + fake.events("ModularCheck").size());
    }
  }
}
