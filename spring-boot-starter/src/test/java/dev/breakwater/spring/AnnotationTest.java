package dev.breakwater.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.CallNotPermittedException;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.CircuitState;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@link CircuitBreaker @CircuitBreaker} on bean methods and classes, with fallbacks. */
class AnnotationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, BreakwaterAutoConfiguration.class))
      .withPropertyValues("breakwater.circuitbreaker.configs.default.failure-threshold=2",
          "breakwater.circuitbreaker.configs.default.timeout=0s",
          "breakwater.circuitbreaker.configs.default.retry-delay=1h")
      .withUserConfiguration(Services.class);

  /** A service whose calls fail on demand. */
  static class Inventory {
    private volatile boolean down;

    /** Through the proxy: a field set on the proxy would not reach the target. */
    public void down(boolean down) {
      this.down = down;
    }

    @CircuitBreaker(name = "inventory", fallbackMethod = "stockFallback")
    public int stock(String sku) throws IOException {
      if (down) {
        throw new IOException("inventory down");
      }
      return sku.length();
    }

    int stockFallback(String sku, CallNotPermittedException e) {
      return -1;
    }

    int stockFallback(String sku, IOException e) {
      return -2;
    }

    @CircuitBreaker(name = "pricing", fallbackMethod = "priceFallback",
        fallbackOn = CircuitBreaker.FallbackOn.NOT_PERMITTED)
    public int price(String sku) {
      if (down) {
        throw new IllegalStateException("pricing down");
      }
      return 100;
    }

    int priceFallback(String sku, Exception e) {
      return 0;
    }

    @CircuitBreaker(name = "async", fallbackMethod = "laterFallback")
    public CompletableFuture<String> later(String sku) {
      return down ? CompletableFuture.failedFuture(new IOException("down"))
          : CompletableFuture.completedFuture("ok " + sku);
    }

    CompletionStage<String> laterFallback(String sku, Throwable e) {
      return CompletableFuture.completedFuture("fallback " + e.getClass().getSimpleName());
    }
  }

  /** Every public method of an annotated class is protected. */
  @CircuitBreaker(name = "catalog")
  static class Catalog {
    public String name(int id) {
      return "item-" + id;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Services {
    @Bean
    Inventory inventory() {
      return new Inventory();
    }

    @Bean
    Catalog catalog() {
      return new Catalog();
    }
  }

  @Test
  void aSyncMethodRunsThroughItsBreakerAndTheMostSpecificFallbackAnswers() {
    runner.run(c -> {
      Inventory inventory = c.getBean(Inventory.class);
      CircuitBreakerRegistry registry = c.getBean(CircuitBreakerRegistry.class);
      assertThat(inventory.stock("abc")).isEqualTo(3);
      inventory.down(true);
      assertThat(inventory.stock("abc")).as("IOException overload").isEqualTo(-2);
      assertThat(inventory.stock("abc")).isEqualTo(-2); // second failure opens
      assertThat(registry.find("inventory").orElseThrow().state()).isEqualTo(CircuitState.OPEN);
      assertThat(inventory.stock("abc")).as("CallNotPermittedException overload").isEqualTo(-1);
      assertThat(registry.find("inventory").orElseThrow().stats().totalFailures()).isEqualTo(2);
    });
  }

  @Test
  void aNotPermittedOnlyFallbackLetsFailuresThrough() {
    runner.run(c -> {
      Inventory inventory = c.getBean(Inventory.class);
      inventory.down(true);
      assertThatThrownBy(() -> inventory.price("a")).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> inventory.price("a")).isInstanceOf(IllegalStateException.class);
      assertThat(inventory.price("a")).isZero(); // open: rejected, the fallback answers
    });
  }

  @Test
  void aCompletableFutureMethodTakesTheAsyncPathWithItsFallback() {
    runner.run(c -> {
      Inventory inventory = c.getBean(Inventory.class);
      assertThat(inventory.later("x").join()).isEqualTo("ok x");
      inventory.down(true);
      assertThat(inventory.later("x").join()).isEqualTo("fallback IOException");
      assertThat(c.getBean(CircuitBreakerRegistry.class).find("async").orElseThrow().stats()
          .totalFailures()).isEqualTo(1);
    });
  }

  @Test
  void anAnnotatedClassProtectsItsPublicMethodsWithABreakerFromConfigsDefault() {
    runner.run(c -> {
      assertThat(c.getBean(Catalog.class).name(7)).isEqualTo("item-7");
      CircuitBreakerRegistry registry = c.getBean(CircuitBreakerRegistry.class);
      assertThat(registry.find("catalog").orElseThrow().stats().totalSuccesses()).isEqualTo(1);
      assertThat(registry.find("catalog").orElseThrow().config().failureThreshold()).isEqualTo(2);
      assertThat(registry.find("catalog").orElseThrow().config().retryDelay()).isEqualTo(Duration.ofHours(1));
    });
  }

  /** A fallback with the wrong parameters. */
  static class Broken {
    @CircuitBreaker(name = "broken", fallbackMethod = "recover")
    public String call(String a) {
      return a;
    }

    String recover(int wrong, Exception e) {
      return "x";
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class BrokenConfig {
    @Bean
    Broken broken() {
      return new Broken();
    }
  }

  @Test
  void aMissingOrMismatchedFallbackFailsTheContextAtStartupWithAClearMessage() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, BreakwaterAutoConfiguration.class))
        .withUserConfiguration(BrokenConfig.class)
        .run(c -> assertThat(c).hasFailed().getFailure().rootCause()
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("@CircuitBreaker on AnnotationTest.Broken.call(String) names fallbackMethod \"recover\"")
            .hasMessageContaining("String recover(String, <an exception type> e)"));
  }
}
