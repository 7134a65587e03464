package dev.breakwater.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.CircuitState;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's console snippets, compiled and run as written. */
class ReadmeExampleTest {

  @Test
  void startPrintAndClose() {
    CircuitBreakerRegistry registry = CircuitBreakerRegistry.create();
    registry.breaker("payments");

    BreakwaterConsole console = BreakwaterConsole.builder(registry)
        .port(0) // any free port; give a fixed one so open pages reconnect after a restart
        .samplingInterval(Duration.ofSeconds(1))
        .start();
    System.out.println("Breakwater console at " + console.uri());
    // ... when the application stops:
    console.close();

    assertThat(console.uri().toString()).startsWith("http://127.0.0.1:");
  }

  @Test
  void controlActionsWithAToken() throws Exception {
    CircuitBreakerRegistry registry = CircuitBreakerRegistry.create();
    registry.breaker("payments");

    String token = BreakwaterConsole.generateToken(); // show it to the operator once
    try (BreakwaterConsole console = BreakwaterConsole.builder(registry)
        .enableControl(token)
        .start()) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(console.uri().resolve("api/breakers/payments/state"))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"state\": \"FORCED_OPEN\"}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
    }

    assertThat(registry.find("payments").orElseThrow().state())
        .isEqualTo(CircuitState.FORCED_OPEN);
  }
}
