package dev.breakwater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AsyncCallTest {
  private final TestTicker ticker = new TestTicker();

  private CircuitBreaker breaker(Duration timeout) {
    return CircuitBreaker.of(CircuitBreakerConfig.builder("async").failureThreshold(1)
        .successThreshold(1).halfOpenMaxCalls(1).timeout(timeout).ticker(ticker).build());
  }

  @Test
  void resultsAndExceptionsPassThroughUnwrapped() throws Exception {
    CircuitBreaker b = breaker(Duration.ZERO);
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> result = b.executeAsync(() -> source);
    assertThat(result).isNotDone();
    ticker.advanceMillis(12);
    source.complete("done");
    assertThat(result.get()).isEqualTo("done");
    assertThat(b.stats().averageResponseTime()).isEqualTo(Duration.ofMillis(12));

    IOException io = new IOException("down");
    CompletableFuture<String> failed = b.executeAsync(
        () -> CompletableFuture.<String>failedFuture(io).thenApply(x -> x));
    assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class).hasCause(io);
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
  }

  @Test
  void aRejectedCallFailsTheFutureWithoutInvokingTheSupplier() {
    CircuitBreaker b = breaker(Duration.ZERO);
    b.forceOpen();
    AtomicInteger invoked = new AtomicInteger();
    CompletableFuture<Object> result = b.executeAsync(() -> {
      invoked.incrementAndGet();
      return new CompletableFuture<>();
    });
    assertThat(result).isCompletedExceptionally();
    assertThatThrownBy(result::join).hasCauseInstanceOf(CallNotPermittedException.class);
    assertThat(invoked).hasValue(0);
  }

  @Test
  void aFutureThatNeverCompletesTimesOutIsCancelledAndCountedBeforeTheResultCompletes()
      throws Exception {
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("never")
        .timeout(Duration.ofMillis(50)).build());
    CompletableFuture<String> never = new CompletableFuture<>();
    CompletableFuture<String> result = b.executeAsync(() -> never);
    CompletableFuture<Long> timeoutsSeenOnCompletion =
        result.handle((value, error) -> b.stats().totalTimeouts());
    assertThat(timeoutsSeenOnCompletion.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(never).isCancelled();
    assertThatThrownBy(result::join).hasCauseInstanceOf(CallTimeoutException.class);
    assertThat(b.stats().totalFailures()).isEqualTo(1);
  }

  @Test
  void aFastFutureNeverTimesOutLater() throws Exception {
    CircuitBreaker b = CircuitBreaker.of(CircuitBreakerConfig.builder("fast")
        .timeout(Duration.ofMillis(20)).build());
    for (int i = 0; i < 1_000; i++) {
      b.executeAsync(() -> CompletableFuture.completedFuture("x")).join();
    }
    assertThat(new java.util.concurrent.CountDownLatch(1).await(200, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(b.stats().totalTimeouts()).isZero();
    assertThat(b.stats().totalSuccesses()).isEqualTo(1_000);
  }

  @Test
  void cancellingTheResultCancelsTheSourceAndReleasesThePermitWithoutAnOutcome() {
    CircuitBreaker b = breaker(Duration.ZERO);
    Calls.fail(b);
    ticker.advance(Duration.ofSeconds(5)); // half-open with one trial slot
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> result = b.executeAsync(() -> source);
    assertThat(b.tryAcquire()).isEmpty(); // the slot is taken
    result.cancel(true);
    assertThat(source).isCancelled();
    CircuitBreakerStats s = b.stats();
    assertThat(s.totalIgnored()).isEqualTo(1);
    assertThat(s.totalFailures()).isEqualTo(1);
    assertThat(b.state()).isEqualTo(CircuitState.HALF_OPEN);
    assertThat(((DefaultCircuitBreaker) b).trialsInFlight()).isZero();
    source.complete("too late"); // changes nothing
    assertThat(b.stats().totalSuccesses()).isZero();
  }

  @Test
  void anErrorThrownByTheSupplierFailsTheFutureAndReleasesTheTrialSlot() {
    CircuitBreaker b = breaker(Duration.ZERO);
    Calls.fail(b);
    ticker.advance(Duration.ofSeconds(5));
    CompletableFuture<Object> result = b.executeAsync(() -> {
      throw new OutOfMemoryError("simulated");
    });
    assertThatThrownBy(result::get).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(OutOfMemoryError.class);
    assertThat(b.state()).isEqualTo(CircuitState.OPEN);
    assertThat(((DefaultCircuitBreaker) b).trialsInFlight()).isZero();
  }

  @Test
  void anErrorCompletingTheSourceIsAFailure() {
    CircuitBreaker b = breaker(Duration.ZERO);
    CompletableFuture<Object> result = b.executeAsync(
        () -> CompletableFuture.failedFuture(new StackOverflowError()));
    assertThatThrownBy(result::join).hasCauseInstanceOf(StackOverflowError.class);
    assertThat(b.stats().totalFailures()).isEqualTo(1);
  }

  @Test
  void aSourceCancelledByItsOwnerIsClassifiedLikeAnyException() {
    CircuitBreaker b = breaker(Duration.ZERO);
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> result = b.executeAsync(() -> source);
    source.cancel(false);
    assertThatThrownBy(result::join).isInstanceOf(CancellationException.class);
    assertThat(b.stats().totalFailures()).isEqualTo(1);
  }

  @Test
  void aNullStageIsAFailure() {
    CircuitBreaker b = breaker(Duration.ZERO);
    CompletableFuture<Object> result = b.executeAsync(() -> null);
    assertThatThrownBy(result::join).hasCauseInstanceOf(NullPointerException.class);
    assertThat(b.stats().totalFailures()).isEqualTo(1);
  }
}
