package dev.breakwater.benchmarks;

import dev.breakwater.spring.BreakwaterAutoConfiguration;
import io.github.resilience4j.spring6.circuitbreaker.configure.CircuitBreakerConfiguration;
import io.github.resilience4j.spring6.circuitbreaker.configure.CircuitBreakerConfigurationProperties;
import io.github.resilience4j.spring6.fallback.configure.FallbackConfiguration;
import io.github.resilience4j.spring6.spelresolver.configure.SpelResolverConfiguration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.EnableAspectJAutoProxy;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;

/**
 * An annotated method called through Breakwater's {@code @CircuitBreaker} advice and through
 * Resilience4j's {@code @CircuitBreaker} aspect in the same Spring context (CGLIB proxies, both
 * libraries' default event buffering on), next to the same method on an unproxied bean. The
 * overhead of each is its score minus {@link #direct()}. Breakwater's breaker has no timeout,
 * like Resilience4j's without a TimeLimiter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SpringAspectBenchmark {
  private AnnotationConfigApplicationContext context;
  private BreakwaterService breakwater;
  private Resilience4jService resilience4j;
  private final PlainService plain = new PlainService();

  /** A service protected by Breakwater. */
  public static class BreakwaterService {
    private int calls;

    /**
     * The protected call.
     *
     * @return a changing number
     */
    @dev.breakwater.spring.CircuitBreaker(name = "bench")
    public int call() {
      return ++calls;
    }
  }

  /** The same service protected by Resilience4j. */
  public static class Resilience4jService {
    private int calls;

    /**
     * The protected call.
     *
     * @return a changing number
     */
    @io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker(name = "bench")
    public int call() {
      return ++calls;
    }
  }

  /** The same method, unprotected and unproxied. */
  public static class PlainService {
    private int calls;

    /**
     * The call.
     *
     * @return a changing number
     */
    public int call() {
      return ++calls;
    }
  }

  /** Both libraries' Spring wiring and one service for each. */
  @Configuration(proxyBeanMethods = false)
  @EnableAspectJAutoProxy(proxyTargetClass = true)
  @Import({BreakwaterAutoConfiguration.class, CircuitBreakerConfiguration.class,
      FallbackConfiguration.class, SpelResolverConfiguration.class})
  public static class Wiring {
    /**
     * Resilience4j's properties, at their defaults.
     *
     * @return the properties
     */
    @Bean
    public CircuitBreakerConfigurationProperties circuitBreakerConfigurationProperties() {
      return new CircuitBreakerConfigurationProperties();
    }

    /**
     * The Breakwater-protected service.
     *
     * @return the service
     */
    @Bean
    public BreakwaterService breakwaterService() {
      return new BreakwaterService();
    }

    /**
     * The Resilience4j-protected service.
     *
     * @return the service
     */
    @Bean
    public Resilience4jService resilience4jService() {
      return new Resilience4jService();
    }
  }

  /** Starts the context. */
  @Setup
  public void setUp() {
    context = new AnnotationConfigApplicationContext();
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("bench",
        java.util.Map.of("breakwater.circuitbreaker.configs.default.timeout", "0s")));
    context.register(Wiring.class);
    context.refresh();
    breakwater = context.getBean(BreakwaterService.class);
    resilience4j = context.getBean(Resilience4jService.class);
    if (!org.springframework.aop.support.AopUtils.isAopProxy(breakwater)
        || !org.springframework.aop.support.AopUtils.isAopProxy(resilience4j)) {
      throw new IllegalStateException("a service is not proxied");
    }
  }

  /** Closes the context. */
  @TearDown
  public void tearDown() {
    context.close();
  }

  /**
   * The method on a plain object.
   *
   * @return its result
   */
  @Benchmark
  public int direct() {
    return plain.call();
  }

  /**
   * Through Breakwater's advice.
   *
   * @return its result
   */
  @Benchmark
  public int breakwaterAspect() {
    return breakwater.call();
  }

  /**
   * Through Resilience4j's aspect.
   *
   * @return its result
   */
  @Benchmark
  public int resilience4jAspect() {
    return resilience4j.call();
  }
}
