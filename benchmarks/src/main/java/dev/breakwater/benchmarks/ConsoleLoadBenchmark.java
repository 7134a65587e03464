package dev.breakwater.benchmarks;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.Subscription;
import dev.breakwater.console.BreakwaterConsole;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code breaker.execute} on one of 50 breakers of a registry, with nobody watching
 * ({@code none}), with only a no-op event listener on the breaker ({@code listener}: what any
 * subscription costs in the core, since a listener makes the breaker build an event per call),
 * with a Breakwater console on the registry and no client ({@code console-idle}, default 1 s
 * sampling), and with the console serving 100 connected Server-Sent Events clients
 * ({@code console-1s} at the default sampling interval, {@code console-100ms} at the fastest).
 * The clients run in this JVM and read every byte, so their work competes for the same CPUs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class ConsoleLoadBenchmark {
  static final Object RESULT = new Object();
  static final int BREAKERS = 50;
  static final int CLIENTS = 100;

  @Param({"none", "listener", "console-idle", "console-1s", "console-100ms"})
  public String watchers;

  private final Callable<Object> callable = () -> RESULT;
  private final List<CompletableFuture<HttpResponse<Void>>> streams = new ArrayList<>();
  private final AtomicLong bytesReceived = new AtomicLong();
  private CircuitBreaker breaker;
  private Subscription listener;
  private BreakwaterConsole console;
  private HttpClient client;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    CircuitBreakerRegistry registry = CircuitBreakerRegistry.create(
        CircuitBreakerConfig.builder("defaults").timeout(Duration.ZERO).build());
    for (int i = 0; i < BREAKERS; i++) {
      registry.breaker("breaker-" + i);
    }
    breaker = registry.breaker("breaker-0");
    switch (watchers) {
      case "none" -> { }
      case "listener" -> listener = breaker.onEvent(event -> { });
      case "console-idle" -> watch(registry, Duration.ofSeconds(1), 0);
      case "console-1s" -> watch(registry, Duration.ofSeconds(1), CLIENTS);
      case "console-100ms" -> watch(registry, Duration.ofMillis(100), CLIENTS);
      default -> throw new IllegalArgumentException("unknown watchers " + watchers);
    }
  }

  private void watch(CircuitBreakerRegistry registry, Duration interval, int clients)
      throws Exception {
    console = BreakwaterConsole.builder(registry).samplingInterval(interval).start();
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    CountDownLatch connected = new CountDownLatch(clients);
    HttpRequest request = HttpRequest.newBuilder(console.uri().resolve("api/stream")).build();
    for (int i = 0; i < clients; i++) {
      streams.add(client.sendAsync(request, info -> HttpResponse.BodySubscribers.fromSubscriber(
          new Reader(connected, bytesReceived))));
    }
    if (!connected.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("only " + (clients - connected.getCount()) + " of "
          + clients + " stream clients connected");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (listener != null) {
      listener.close();
    }
    if (console != null) {
      System.out.printf("%n%d stream clients received %,d bytes%n", streams.size(),
          bytesReceived.get());
      streams.forEach(stream -> stream.cancel(true));
      console.close();
    }
  }

  @Benchmark
  public Object execute() throws Exception {
    return breaker.execute(callable);
  }

  /** A browser's share of the work: reads every byte of its stream. */
  private static final class Reader implements Flow.Subscriber<List<ByteBuffer>> {
    private final CountDownLatch connected;
    private final AtomicLong bytes;
    private boolean first = true;

    Reader(CountDownLatch connected, AtomicLong bytes) {
      this.connected = connected;
      this.bytes = bytes;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      long size = 0;
      for (ByteBuffer buffer : buffers) {
        size += buffer.remaining();
        buffer.position(buffer.limit());
      }
      bytes.addAndGet(size);
      if (first) {
        first = false;
        connected.countDown();
      }
    }

    @Override
    public void onError(Throwable throwable) {
      // the stream ends at tear-down
    }

    @Override
    public void onComplete() {
      // the console closed
    }
  }
}
