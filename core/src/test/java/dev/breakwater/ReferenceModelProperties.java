package dev.breakwater;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The breaker and {@link ReferenceModel} see the same random histories of outcomes (results
 * counted as failures among them), durations, ticker advances, resets, manual states and runtime
 * reconfigurations, through the call APIs (with and without a fallback), with HALF_OPEN rounds
 * abandoned after maxHalfOpenWait; after every step their
 * state and statistics must be identical.
 */
class ReferenceModelProperties {

  enum Kind { SUCCESS, FAILURE, TIMEOUT, IGNORED, ANSWERED, BAD_RESULT }

  enum Api { EXECUTE, PERMIT, ASYNC, CALL_WITH_FALLBACK }

  /** The value recordResult counts as a failure. */
  static final String BAD = "bad";

  sealed interface Step permits Call, Advance, Reset, ForceOpen, Disable, Reconfigure {}

  /** Replaces the failure threshold and retry delay at runtime, keeping state and counters. */
  record Reconfigure(int failureThreshold, long retryMillis) implements Step {}

  record Call(Kind kind, long millis, Api api) implements Step {}

  record Advance(long millis) implements Step {}

  record Reset() implements Step {}

  record ForceOpen() implements Step {}

  record Disable() implements Step {}

  /** Thrown for an ignored outcome. */
  static final class Ignorable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Ignorable() {
      super("ignorable");
    }
  }

  /** Thrown for an answer the recordFailure predicate does not count as a failure. */
  static final class Answered extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Answered() {
      super("answered");
    }
  }

  @Property(tries = 1000)
  void breakerBehavesLikeTheModel(@ForAll("configs") CircuitBreakerConfig.Builder builder,
      @ForAll("histories") List<Step> history) throws Exception {
    TestTicker ticker = new TestTicker();
    CircuitBreakerConfig config = builder.ticker(ticker).build();
    CircuitBreaker breaker = CircuitBreaker.of(config);
    ReferenceModel model = new ReferenceModel(config, ticker.read());

    for (Step step : history) {
      apply(step, breaker, model, ticker);
      assertThat(breaker.stats()).as("after %s", step).isEqualTo(model.stats(ticker.read()));
      assertThat(breaker.state()).isEqualTo(model.stats(ticker.read()).state());
    }
  }

  private static void apply(Step step, CircuitBreaker breaker, ReferenceModel model, TestTicker ticker)
      throws Exception {
    if (step instanceof Advance a) {
      ticker.advanceMillis(a.millis());
    } else if (step instanceof Reset) {
      breaker.reset();
      model.reset(ticker.read());
    } else if (step instanceof ForceOpen) {
      breaker.forceOpen();
      model.forceOpen();
    } else if (step instanceof Disable) {
      breaker.disable();
      model.disable();
    } else if (step instanceof Reconfigure r) {
      CircuitBreakerConfig next = breaker.config().toBuilder().failureThreshold(r.failureThreshold())
          .retryDelay(Duration.ofMillis(r.retryMillis()))
          .maxRetryDelay(Duration.ofMillis(r.retryMillis() * 4)).build();
      ((DefaultCircuitBreaker) breaker).reconfigure(next);
      model.reconfigure(next);
    } else {
      call((Call) step, breaker, model, ticker);
    }
  }

  private static void call(Call c, CircuitBreaker breaker, ReferenceModel model, TestTicker ticker)
      throws Exception {
    long start = ticker.read();
    boolean admitted = model.admit(start);
    Throwable thrown = switch (c.kind()) {
      case SUCCESS -> null;
      case FAILURE -> new IllegalStateException("failed at " + start);
      case TIMEOUT -> new TimeoutException("timed out at " + start);
      case IGNORED -> new Ignorable();
      case ANSWERED -> new Answered();
      case BAD_RESULT -> null;
    };
    String value = c.kind() == Kind.BAD_RESULT ? BAD : "ok";
    boolean permitted = switch (c.api()) {
      case EXECUTE -> viaExecute(breaker, ticker, c.millis(), thrown, value);
      case PERMIT -> viaPermit(breaker, ticker, c.millis(), thrown, value);
      case ASYNC -> viaAsync(breaker, ticker, c.millis(), thrown, value);
      case CALL_WITH_FALLBACK -> viaFallback(breaker, ticker, c, thrown, value);
    };
    assertThat(permitted).as("permitted %s", c).isEqualTo(admitted);
    if (!admitted) {
      return;
    }
    long end = ticker.read();
    switch (c.kind()) {
      case SUCCESS, ANSWERED -> model.success(start, end);
      case FAILURE -> model.failure(start, end, thrown, false);
      case TIMEOUT -> model.failure(start, end, thrown, true);
      case BAD_RESULT -> model.failure(start, end, new FailedResultException("model", BAD), false);
      case IGNORED -> model.ignored();
    }
  }

  private static boolean viaFallback(CircuitBreaker breaker, TestTicker ticker, Call c,
      Throwable thrown, String value) {
    Throwable[] cause = new Throwable[1];
    String answer;
    try {
      answer = breaker.call(() -> {
        ticker.advanceMillis(c.millis());
        if (thrown != null) {
          throw Task.<RuntimeException>sneaky(thrown);
        }
        return value;
      }, Fallback.onFailure(t -> {
        cause[0] = t;
        return "fallback";
      }));
    } catch (Exception propagated) {
      assertThat(propagated).isSameAs(thrown);
      assertThat(c.kind()).isIn(Kind.IGNORED, Kind.ANSWERED);
      return true;
    }
    if (cause[0] instanceof CallNotPermittedException) {
      assertThat(answer).isEqualTo("fallback");
      return false;
    }
    if (c.kind() == Kind.SUCCESS) {
      assertThat(answer).isEqualTo("ok");
      assertThat(cause[0]).isNull();
    } else {
      assertThat(c.kind()).isIn(Kind.FAILURE, Kind.TIMEOUT, Kind.BAD_RESULT);
      assertThat(answer).isEqualTo("fallback");
      if (c.kind() == Kind.BAD_RESULT) {
        assertThat(cause[0]).isInstanceOf(FailedResultException.class);
      } else {
        assertThat(cause[0]).isSameAs(thrown);
      }
    }
    return true;
  }

  private static boolean viaExecute(CircuitBreaker breaker, TestTicker ticker, long millis,
      Throwable thrown, String value) {
    try {
      String answer = breaker.execute(() -> {
        ticker.advanceMillis(millis);
        if (thrown instanceof Exception e) {
          throw e;
        }
        return value;
      });
      assertThat(answer).as("a result counted as a failure is still returned").isEqualTo(value);
      return true;
    } catch (CallNotPermittedException rejected) {
      return false;
    } catch (Exception expected) {
      assertThat(expected).isSameAs(thrown);
      return true;
    }
  }

  private static boolean viaPermit(CircuitBreaker breaker, TestTicker ticker, long millis,
      Throwable thrown, String value) {
    Optional<Permit> permit = breaker.tryAcquire();
    if (permit.isEmpty()) {
      return false;
    }
    ticker.advanceMillis(millis);
    if (thrown == null && value.equals(BAD)) {
      permit.get().onResult(value);
    } else if (thrown == null) {
      permit.get().onSuccess();
    } else {
      permit.get().onFailure(thrown);
    }
    return true;
  }

  private static boolean viaAsync(CircuitBreaker breaker, TestTicker ticker, long millis,
      Throwable thrown, String value) {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> result = breaker.executeAsync(() -> source);
    if (result.isCompletedExceptionally() && !source.isDone()) {
      assertThat(result.handle((v, e) -> e).join()).isInstanceOf(CallNotPermittedException.class);
      return false;
    }
    ticker.advanceMillis(millis);
    if (thrown == null) {
      source.complete(value);
    } else {
      source.completeExceptionally(thrown);
    }
    assertThat(result).isDone();
    return true;
  }

  @Provide
  Arbitrary<CircuitBreakerConfig.Builder> configs() {
    Arbitrary<Integer> failureThreshold = Arbitraries.integers().between(1, 4);
    Arbitrary<Integer> successThreshold = Arbitraries.integers().between(1, 3);
    Arbitrary<Integer> retrySeconds = Arbitraries.integers().between(1, 5);
    Arbitrary<Integer> multiplier = Arbitraries.of(1, 2, 3);
    Arbitrary<Integer> windowSeconds = Arbitraries.of(10, 20, 60);
    Arbitrary<Double> failureRate = Arbitraries.of(0.0, 50.0, 80.0);
    Arbitrary<Integer> slowMillis = Arbitraries.of(0, 200, 1_000);
    Arbitrary<Integer> minimumCalls = Arbitraries.integers().between(1, 6);
    return Combinators.combine(failureThreshold, successThreshold, retrySeconds, multiplier,
        windowSeconds, failureRate, slowMillis, minimumCalls).as((f, s, r, m, w, rate, slow, min) -> {
          CircuitBreakerConfig.Builder b = CircuitBreakerConfig.builder("model")
              .failureThreshold(f).successThreshold(s).timeout(Duration.ZERO)
              .retryDelay(Duration.ofSeconds(r)).backoffMultiplier(m)
              .maxRetryDelay(Duration.ofSeconds(r * 4L)).monitoringWindow(Duration.ofSeconds(w))
              .minimumCalls(min).ignore(Ignorable.class)
              .maxHalfOpenWait(Duration.ofSeconds(r * 5L))
              .recordResult(BAD::equals)
              .recordFailure(t -> !(t instanceof Answered));
          if (rate > 0) {
            b.failureRateThreshold(rate);
          }
          if (slow > 0) {
            b.slowCallDuration(Duration.ofMillis(slow)).slowCallRateThreshold(50);
          }
          return b;
        });
  }

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<Step> call = Combinators.combine(
        Arbitraries.of(Kind.class).edgeCases(e -> e.includeOnly(Kind.FAILURE)),
        Arbitraries.longs().between(0, 3_000),
        Arbitraries.of(Api.class)).as(Call::new);
    Arbitrary<Step> advance = Arbitraries.longs().between(0, 20_000).map(Advance::new);
    Arbitrary<Step> step = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(12, call),
        net.jqwik.api.Tuple.of(4, advance),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(new Reset())),
        net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.integers().between(1, 4),
            Arbitraries.longs().between(500, 6_000)).as(Reconfigure::new)),
        net.jqwik.api.Tuple.of(1, Arbitraries.oneOf(
            Arbitraries.just(new ForceOpen()), Arbitraries.just(new Disable()))));
    return step.list().ofMinSize(1).ofMaxSize(120);
  }
}
