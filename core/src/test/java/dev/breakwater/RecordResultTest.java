package dev.breakwater;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Returned values that count as failures: recordResult. */
class RecordResultTest {
  record Response(int status) {}

  private final TestTicker ticker = new TestTicker();
  private final CircuitBreaker breaker = CircuitBreaker.of(CircuitBreakerConfig.builder("http")
      .failureThreshold(2).timeout(Duration.ZERO).ticker(ticker)
      .recordResult(r -> r instanceof Response response && response.status() >= 500).build());

  @Test
  void aFailingResultIsRecordedAsAFailureAndStillReturned() {
    Response unavailable = new Response(503);
    assertThat(breaker.call(() -> unavailable)).isSameAs(unavailable);
    CircuitBreakerStats s = breaker.stats();
    assertThat(s.totalFailures()).isEqualTo(1);
    assertThat(s.lastError()).hasValueSatisfying(e -> assertThat(e)
        .contains("FailedResultException").contains(Response.class.getName())
        .doesNotContain("503"));
    assertThat(breaker.call(() -> new Response(200)).status()).isEqualTo(200);
    assertThat(breaker.stats().totalSuccesses()).isEqualTo(1);
  }

  @Test
  void failingResultsOpenTheCircuitThroughEveryCallShape() throws Exception {
    breaker.executeAsync(() -> CompletableFuture.completedFuture(new Response(500))).join();
    breaker.tryAcquire().orElseThrow().onResult(new Response(502));
    assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
  }

  @Test
  void aFallbackOnFailureReplacesAFailingResult() {
    List<Throwable> causes = new ArrayList<>();
    Response answer = breaker.call(() -> new Response(503), Fallback.onFailure(t -> {
      causes.add(t);
      return new Response(299);
    }));
    assertThat(answer.status()).isEqualTo(299);
    assertThat(causes).singleElement().isInstanceOfSatisfying(FailedResultException.class,
        f -> assertThat(f.result()).isEqualTo(new Response(503)));
  }

  @Test
  void aThrowingResultPredicateCountsTheCallAsAFailure() {
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("bad-predicate")
        .timeout(Duration.ZERO).recordResult(r -> {
          throw new IllegalStateException("predicate bug");
        }).build());
    assertThat(b.call(() -> "value")).isEqualTo("value");
    assertThat(b.stats().totalFailures()).isEqualTo(1);
  }
}
