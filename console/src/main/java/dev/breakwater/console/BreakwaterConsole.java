package dev.breakwater.console;

import com.sun.net.httpserver.HttpServer;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.Ticker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A live web page of every circuit breaker in a registry, served by the application itself with
 * the JDK's HTTP server: {@code /} (the page), {@code /api/breakers} (a JSON snapshot),
 * {@code /api/stream} (Server-Sent Events: a sample each interval and each state change at once)
 * and, only when enabled with a token, {@code POST /api/breakers/{name}/state}.
 *
 * <pre>{@code
 * CircuitBreakerRegistry registry = CircuitBreakerRegistry.create();
 * try (BreakwaterConsole console = BreakwaterConsole.builder(registry).port(0).start()) {
 *   System.out.println("Breakwater console at " + console.uri());
 * }
 * }</pre>
 *
 * <p>It binds to 127.0.0.1 unless another address is given, fetches and proxies nothing, and
 * never touches the call path: it reads {@code stats()} on its own thread at the sampling
 * interval, and its state-change listeners only put the change on a queue.
 *
 * <p>Thread-safe.
 */
public final class BreakwaterConsole implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(BreakwaterConsole.class.getName());

  private final HttpServer server;
  private final ExecutorService executor;
  private final Feed feed;
  private final SseHub hub;
  private final URI uri;
  private final boolean controlEnabled;
  private final AtomicBoolean closed = new AtomicBoolean();

  private BreakwaterConsole(Builder builder, Page page) {
    ControlToken token = builder.token;
    try {
      this.server = HttpServer.create(new InetSocketAddress(builder.address, builder.port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the Breakwater console to "
          + literal(builder.address) + ":" + builder.port, e);
    }
    int port = server.getAddress().getPort();
    this.uri = URI.create("http://" + literal(reachable(builder.address)) + ":" + port + "/");
    this.controlEnabled = token != null;
    long intervalNanos = builder.samplingInterval.toNanos();
    Sampler sampler = new Sampler(builder.ticker, historyLength(builder.samplingInterval));
    SnapshotJson json = new SnapshotJson(builder.samplingInterval.toMillis(),
        sampler.historyLength(), controlEnabled);
    this.hub = new SseHub(EventStream.MAX_CLIENTS);
    this.feed = new Feed(builder.registry, sampler, json, hub, builder.ticker, intervalNanos);
    HostCheck hosts = HostCheck.forBinding(builder.address, port);
    Router router = new Router(hosts, page, feed, new EventStream(feed, hub),
        new StateControl(builder.registry, hosts, token));
    this.executor = Executors.newCachedThreadPool(daemonThreads());
    try {
      server.createContext("/", router);
      server.setExecutor(executor);
      feed.start();
      server.start();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Starts describing a console for {@code registry}.
   *
   * @param registry the registry whose breakers the console shows, including those added later
   * @return a builder with the defaults: 127.0.0.1, any free port, a sample every second,
   *     control actions off
   * @throws NullPointerException if {@code registry} is null
   */
  public static Builder builder(CircuitBreakerRegistry registry) {
    return new Builder(Objects.requireNonNull(registry, "registry"));
  }

  /**
   * Returns a new random control token (32 bytes from {@code SecureRandom}, base64url), for
   * {@link Builder#enableControl(String)}.
   *
   * @return a token of 43 characters
   */
  public static String generateToken() {
    return ControlToken.generate();
  }

  /**
   * Returns the page's address, such as {@code http://127.0.0.1:8099/}. On a wildcard address
   * it names the loopback address.
   *
   * @return the console's URI, ending in {@code /}
   */
  public URI uri() {
    return uri;
  }

  /**
   * Stops serving: closes every stream, stops the sampling thread, removes every listener from
   * the registry and its breakers, and frees the port. Closing twice is harmless.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    feed.close();
    hub.closeAll();
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** The feed, for tests that must hold its lock. */
  Feed feed() {
    return feed;
  }

  /** Connected stream clients, for tests and the benchmark's readiness check. */
  int streamClients() {
    return hub.size();
  }

  @Override
  public String toString() {
    return "BreakwaterConsole[" + uri + ", control actions " + (controlEnabled ? "on" : "off")
        + (closed.get() ? ", closed" : "") + "]";
  }

  private static int historyLength(Duration interval) {
    long samples = (Builder.HISTORY.toNanos() + interval.toNanos() - 1) / interval.toNanos();
    return (int) Math.max(2, samples);
  }

  private static InetAddress reachable(InetAddress address) {
    if (!address.isAnyLocalAddress()) {
      return address;
    }
    return address instanceof Inet6Address ? InetAddress.getLoopbackAddress() : Builder.LOOPBACK;
  }

  private static String literal(InetAddress address) {
    String literal = address.getHostAddress();
    return address instanceof Inet6Address ? "[" + literal + "]" : literal;
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "breakwater-console-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Describes a console; {@link #start()} binds and starts it. Setters validate at once.
   *
   * <p>Not thread-safe.
   */
  public static final class Builder {
    static final Duration HISTORY = Duration.ofMinutes(2);
    static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    static final Duration MAX_INTERVAL = Duration.ofMinutes(1);
    static final InetAddress LOOPBACK = loopback();

    private final CircuitBreakerRegistry registry;
    private InetAddress address = LOOPBACK;
    private int port;
    private Duration samplingInterval = Duration.ofSeconds(1);
    private ControlToken token;
    private Ticker ticker = Ticker.system();

    private Builder(CircuitBreakerRegistry registry) {
      this.registry = registry;
    }

    /**
     * Sets the address to listen on. The default is 127.0.0.1, reachable from this machine only;
     * any other address (a LAN interface, or {@code 0.0.0.0} for all) exposes the page, and the
     * control token if enabled, over plain HTTP to whoever can reach it.
     *
     * @param address the address to bind
     * @return this builder
     * @throws NullPointerException if {@code address} is null
     */
    public Builder address(InetAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * Sets the port; 0 (the default) picks any free port, which {@link #uri()} then reports.
     * Give a fixed port if open pages should reconnect to the application after it restarts.
     *
     * @param port the port, in [0, 65535]
     * @return this builder
     * @throws IllegalArgumentException if {@code port} is outside [0, 65535]
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets how often the console reads every breaker's statistics and sends a sample to the
     * pages (default 1 s). The pages keep two minutes of samples. State changes are sent at once
     * whatever the interval.
     *
     * @param interval the sampling interval, in [100 ms, 1 min]
     * @return this builder
     * @throws IllegalArgumentException if {@code interval} is outside [100 ms, 1 min]
     * @throws NullPointerException if {@code interval} is null
     */
    public Builder samplingInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
        throw new IllegalArgumentException("samplingInterval must be in [" + MIN_INTERVAL + ", "
            + MAX_INTERVAL + "], was " + interval);
      }
      this.samplingInterval = interval;
      return this;
    }

    /**
     * Enables control actions ({@code POST /api/breakers/{name}/state} to force a breaker open,
     * disable it or close it), allowed only to requests that carry
     * {@code Authorization: Bearer <token>} and come from the page itself or from a client that
     * sends no {@code Origin}. Off by default. The console keeps only a digest of the token and
     * never logs or shows it; {@link BreakwaterConsole#generateToken()} makes a good one.
     *
     * @param token the secret, at least 16 visible ASCII characters
     * @return this builder
     * @throws IllegalArgumentException if {@code token} is too short or holds anything but
     *     visible ASCII (the message does not repeat it)
     * @throws NullPointerException if {@code token} is null
     */
    public Builder enableControl(String token) {
      this.token = ControlToken.of(token);
      return this;
    }

    /**
     * Sets the time source for call rates, per-interval figures and times in state (default
     * {@link Ticker#system()}); tests pass a manual ticker. The sampling cadence itself runs on
     * real time.
     *
     * @param ticker the time source
     * @return this builder
     * @throws NullPointerException if {@code ticker} is null
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Binds the address and port and starts serving.
     *
     * @return the running console; close it to stop
     * @throws UncheckedIOException if the address and port cannot be bound
     */
    public BreakwaterConsole start() {
      BreakwaterConsole console = new BreakwaterConsole(this, Page.load());
      LOG.log(Level.INFO, () -> "Breakwater console at " + console.uri + " (control actions "
          + (console.controlEnabled ? "on" : "off") + ")");
      if (console.controlEnabled && !address.isLoopbackAddress()) {
        LOG.log(Level.WARNING, "Breakwater console: control actions are on at a non-loopback"
            + " address; the token travels over plain HTTP");
      }
      return console;
    }

    private static InetAddress loopback() {
      try {
        return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
      } catch (UnknownHostException e) {
        throw new IllegalStateException("a four-byte address is always valid", e);
      }
    }
  }
}
