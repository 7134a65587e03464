package dev.breakwater;

import static dev.breakwater.Calls.fail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The call shapes without checked exceptions, the decorators, and fallbacks sync and async. */
class CallShapesAndFallbackTest {
  private final TestTicker ticker = new TestTicker();
  private final CircuitBreaker breaker = CircuitBreaker.of(CircuitBreakerConfig.builder("shapes")
      .failureThreshold(2).timeout(Duration.ZERO).ticker(ticker)
      .ignore(IllegalArgumentException.class)
      .recordFailure(t -> !(t instanceof UnsupportedOperationException)).build());

  private void open() {
    fail(breaker);
    fail(breaker);
    assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
  }

  @Test
  void callAndRunNeedNoCatchOfCheckedExceptions() {
    List<String> ran = new ArrayList<>();
    assertThat(breaker.call(() -> 42)).isEqualTo(42);
    breaker.run(() -> ran.add("ran"));
    assertThat(ran).containsExactly("ran");
    assertThat(breaker.stats().totalSuccesses()).isEqualTo(2);
  }

  @Test
  void callRethrowsTheCallsRuntimeExceptionUnchanged() {
    UncheckedIOException boom = new UncheckedIOException("down", new java.io.IOException());
    assertThatThrownBy(() -> breaker.call(() -> {
      throw boom;
    })).isSameAs(boom);
    assertThat(breaker.stats().totalFailures()).isEqualTo(1);
  }

  @Test
  void decoratedCallsGoThroughTheBreakerEachTime() throws Exception {
    Supplier<String> supplier = breaker.decorate(() -> "s");
    Runnable runnable = breaker.decorate(() -> { });
    Callable<String> callable = breaker.decorateCallable(() -> "c");
    Supplier<CompletableFuture<String>> async =
        breaker.decorateAsync(() -> CompletableFuture.completedFuture("a"));
    assertThat(supplier.get()).isEqualTo("s");
    runnable.run();
    assertThat(callable.call()).isEqualTo("c");
    assertThat(async.get().join()).isEqualTo("a");
    assertThat(breaker.stats().totalSuccesses()).isEqualTo(4);
    open();
    assertThatThrownBy(supplier::get).isInstanceOf(CallNotPermittedException.class);
    assertThat(breaker.decorate(() -> "s", Fallback.onNotPermitted(e -> "fallback")).get())
        .isEqualTo("fallback");
  }

  @Test
  void onNotPermittedAnswersRejectionsOnly() {
    Fallback<String> fallback = Fallback.onNotPermitted(e -> "cached " + e.state());
    assertThatThrownBy(() -> breaker.call(() -> {
      throw new IllegalStateException("fails");
    }, fallback)).isInstanceOf(IllegalStateException.class);
    fail(breaker); // second failure opens
    assertThat(breaker.call(() -> "live", fallback)).isEqualTo("cached OPEN");
    assertThat(breaker.stats().totalRejections()).isEqualTo(1);
  }

  @Test
  void onFailureAnswersRejectionsRecordedFailuresAndTimeoutsButNotIgnoredOrAnsweredExceptions()
      throws Exception {
    List<Throwable> causes = new ArrayList<>();
    Fallback<String> fallback = Fallback.onFailure(t -> {
      causes.add(t);
      return "fallback";
    });
    IllegalStateException failure = new IllegalStateException("fails");
    assertThat(breaker.execute(() -> {
      throw failure;
    }, fallback)).isEqualTo("fallback");
    assertThatThrownBy(() -> breaker.call(() -> {
      throw new IllegalArgumentException("caller's mistake: ignored");
    }, fallback)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> breaker.call(() -> {
      throw new UnsupportedOperationException("an answer, counted as success");
    }, fallback)).isInstanceOf(UnsupportedOperationException.class);
    fail(breaker); // opens (the answered exception reset the consecutive count)
    fail(breaker);
    assertThat(breaker.call(() -> "live", fallback)).isEqualTo("fallback");
    assertThat(causes).hasSize(2);
    assertThat(causes.get(0)).isSameAs(failure);
    assertThat(causes.get(1)).isInstanceOf(CallNotPermittedException.class);
  }

  @Test
  void errorsNeverTakeTheFallback() {
    assertThatThrownBy(() -> breaker.call(() -> {
      throw new AssertionError("bug");
    }, Fallback.onFailure(t -> "fallback"))).isInstanceOf(AssertionError.class);
    assertThat(breaker.stats().totalFailures()).isEqualTo(1);
  }

  @Test
  void aThrowingFallbackCarriesTheOriginalCauseAsSuppressed() {
    open();
    IllegalStateException fromFallback = new IllegalStateException("no cache either");
    assertThatThrownBy(() -> breaker.call(() -> "live", Fallback.onNotPermitted(e -> {
      throw fromFallback;
    }))).isSameAs(fromFallback);
    assertThat(fromFallback.getSuppressed()).hasSize(1);
    assertThat(fromFallback.getSuppressed()[0]).isInstanceOf(CallNotPermittedException.class);
  }

  @Test
  void asyncFallbacksCompleteTheFutureWithTheirValue() {
    Fallback<String> onFailure = Fallback.onFailure(t -> "fallback " + t.getClass().getSimpleName());
    CompletableFuture<String> failing = new CompletableFuture<>();
    CompletableFuture<String> result = breaker.executeAsync(() -> failing, onFailure);
    failing.completeExceptionally(new IllegalStateException("down"));
    assertThat(result.join()).isEqualTo("fallback IllegalStateException");
    fail(breaker);
    assertThat(breaker.executeAsync(() -> CompletableFuture.completedFuture("live"),
        Fallback.onNotPermitted(e -> "rejected")).join()).isEqualTo("rejected");
    CompletableFuture<String> throwing = breaker.executeAsync(
        () -> CompletableFuture.completedFuture("live"), Fallback.onNotPermitted(e -> {
          throw new IllegalStateException("fallback failed");
        }));
    assertThat(throwing).isCompletedExceptionally();
  }

  @Test
  void asyncTimeoutsTakeAFallbackOnFailure() {
    CircuitBreaker timed = CircuitBreaker.of(CircuitBreakerConfig.builder("async-timeout")
        .timeout(Duration.ofMillis(20)).build());
    CompletableFuture<String> never = new CompletableFuture<>();
    String answer = timed.executeAsync(() -> never,
        Fallback.onFailure(t -> t instanceof CallTimeoutException ? "timed out" : "other")).join();
    assertThat(answer).isEqualTo("timed out");
    assertThat(never).isCancelled();
    assertThat(timed.stats().totalTimeouts()).isEqualTo(1);
  }

  @Test
  void syncTimeoutsTakeAFallbackOnFailure() {
    CircuitBreaker timed = CircuitBreaker.of(CircuitBreakerConfig.builder("sync-timeout")
        .timeout(Duration.ofMillis(20)).build());
    String answer = timed.call(() -> {
      try {
        new java.util.concurrent.CountDownLatch(1).await();
        return "late";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
    }, Fallback.onFailure(t -> t.getClass().getSimpleName()));
    assertThat(answer).isEqualTo("CallTimeoutException");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void subscriptionsCloseInTryWithResourcesWithoutCatchingException() {
    List<CircuitBreakerEvent> events = new ArrayList<>();
    try (Subscription s = breaker.onEvent(events::add)) {
      breaker.call(() -> 1);
      assertThat(s).isNotNull();
    }
    breaker.call(() -> 2);
    assertThat(events).hasSize(1);
  }
}
