package dev.breakwater.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The example over real HTTP on a random port: failures drive the breaker open and the fallback
 * answers, Actuator shows it OPEN, a POST closes it, and metrics and health show the breaker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExampleApplicationTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort
  int port;

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aFailingDownstreamOpensTheBreakerAndActuatorClosesItAgain() throws Exception {
    assertThat(get("/stock/apple").body()).endsWith("in stock");
    post("/downstream/failing", "");
    for (int i = 0; i < 3; i++) {
      assertThat(get("/stock/apple").body()).isEqualTo("apple: availability unknown (inventory service unavailable)");
    }
    assertThat(get("/stock/apple").body()).isEqualTo("apple: availability unknown (inventory circuit open)");

    HttpResponse<String> breaker = get("/actuator/circuitbreakers/inventory");
    assertThat(breaker.statusCode()).isEqualTo(200);
    assertThat(breaker.body()).contains("\"state\":\"OPEN\"", "\"totalFailures\":3", "\"totalRejections\":1");
    assertThat(get("/actuator/circuitbreakers").body()).contains("\"inventory\"");
    assertThat(get("/actuator/circuitbreakerevents/inventory").body()).contains("StateChanged", "\"to\":\"OPEN\"");

    HttpResponse<String> gauge = get("/actuator/metrics/breakwater.circuitbreaker.state?tag=name:inventory&tag=state:open");
    assertThat(gauge.statusCode()).isEqualTo(200);
    assertThat(gauge.body()).contains("\"value\":1.0");

    HttpResponse<String> health = get("/actuator/health");
    assertThat(health.body()).contains("\"breakwater\"", "\"inventory\"");
    assertThat(health.statusCode()).as("an open circuit is the breaker doing its job").isEqualTo(200);

    post("/downstream/healthy", "");
    HttpResponse<String> closed = post("/actuator/circuitbreakers/inventory", "{\"state\": \"CLOSED\"}");
    assertThat(closed.statusCode()).isEqualTo(200);
    assertThat(closed.body()).contains("\"state\":\"CLOSED\"");
    assertThat(get("/stock/apple").body()).endsWith("in stock");

    assertThat(post("/actuator/circuitbreakers/inventory", "{\"state\": \"SIDEWAYS\"}").statusCode())
        .isEqualTo(400);
    assertThat(post("/actuator/circuitbreakers/nobody", "{\"state\": \"CLOSED\"}").statusCode())
        .isEqualTo(404);
  }

  @Test
  void forcedOpenThroughActuatorIsAnsweredByTheFallback() throws Exception {
    assertThat(post("/actuator/circuitbreakers/inventory", "{\"state\": \"FORCED_OPEN\"}").body())
        .contains("\"state\":\"FORCED_OPEN\"");
    assertThat(get("/stock/pear").body()).isEqualTo("pear: availability unknown (inventory circuit open)");
    post("/actuator/circuitbreakers/inventory", "{\"state\": \"CLOSED\"}");
    assertThat(get("/stock/pear").body()).endsWith("in stock");
  }
}
