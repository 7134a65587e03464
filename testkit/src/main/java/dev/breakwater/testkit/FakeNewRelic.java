package dev.breakwater.testkit;

import com.sun.net.httpserver.HttpServer;
import dev.breakwater.Ticker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real HTTP server on 127.0.0.1 (random port) that speaks New Relic's Event API, Metric API and
 * the NerdGraph operations Breakwater uses, records everything it receives, and injects faults on
 * a {@linkplain #faults() schedule}. Point a client at {@link #baseUri()} and test it end to end.
 *
 * <pre>{@code
 * try (FakeNewRelic fake = FakeNewRelic.start()) {
 *   fake.faults().next(Api.EVENTS, 1, Fault.status(503));
 *   // ... run the code under test with NewRelicConfig.fromEnvironment(fake.environment()) ...
 *   assertThat(fake.awaitEventCount(3, Duration.ofSeconds(5))).isTrue();
 *   assertThat(fake.events("CircuitBreakerMetric")).hasSize(3);
 * }
 * }</pre>
 *
 * <p>In JUnit 5 tests, {@link FakeNewRelicExtension} starts and closes it. Its threads are
 * daemon threads: a fake left open does not keep the JVM alive.
 *
 * <h2>Event API</h2>
 * {@code POST /v1/accounts/{accountId}/events} and {@code POST /v1/accounts/events} (the
 * telemetry SDK's form). One of the headers {@code Api-Key}, {@code X-Insert-Key},
 * {@code X-License-Key} must carry the license key, else 403; so does an account id in the path
 * that is not the fake's. Other methods get 405. {@code Content-Encoding: gzip} is undone
 * (corrupt gzip: 400), {@code identity} or none means raw, anything else is 415. A body over
 * 1,000,000 bytes as sent gets 413. The body must be a JSON array of objects, else 400. A
 * well-formed payload gets 200 {@code {"success":true,"uuid":...}}, and then, as New Relic does
 * asynchronously, each event is either {@linkplain #events() stored} or
 * {@linkplain #rejectedEvents() rejected} with a reason: {@code eventType} must be a string
 * matching {@code [A-Za-z0-9_:]+}, at most 255 characters, and not {@code Metric},
 * {@code MetricRaw}, {@code Metric[0-9]...} or {@code Public_...}; at most 255 keys including
 * {@code eventType}; names at most 255 characters; values strings (at most 4096 characters),
 * numbers or booleans; {@code timestamp}, if present, an integer in epoch ms or s within 24 h of
 * the fake's clock.
 *
 * <h2>Metric API</h2>
 * {@code POST /metric/v1}, with the same key headers, encodings and size limit. The body must be
 * {@code [{"common":{...},"metrics":[...]}]} with a {@code name}, a {@code type} ({@code gauge},
 * the default, {@code count} or {@code summary}), a number value (an object {@code {count, sum,
 * min, max}} for summaries) and, for counts and summaries, an {@code interval.ms} in the metric
 * or in {@code common}; anything else is 400. Accepted payloads get 202
 * {@code {"requestId":...}} and are stored {@linkplain #metrics() flattened}.
 *
 * <h2>NerdGraph</h2>
 * {@code POST /graphql}; the {@code API-Key} header must carry the user key, else 401 with New
 * Relic's {@code BAD_API_KEY} body. The body is {@code {"query": "...", "variables": {...}}}
 * (else 400). The operation is recognised by the first of these calls found in the query text,
 * and its arguments are read from the variables only (values inlined in the query text are not
 * seen); whatever the selection set says, the fields below are returned:
 * <ul>
 *   <li>{@code dashboardCreate(}, variables {@code accountId}, {@code dashboard}: returns
 *       {@code entityResult {guid name accountId}} and {@code errors {description type}};
 *   <li>{@code dashboardUpdate(}, variables {@code guid}, {@code dashboard}: returns
 *       {@code entityResult {guid name}} and {@code errors};
 *   <li>{@code entitySearch(}, variable {@code query} of the form
 *       {@code type = 'DASHBOARD' [AND name = '...'] [AND accountId = N]} (exact name match):
 *       returns {@code count}, {@code query} and {@code results {nextCursor entities {guid name
 *       accountId dashboardParentGuid permissions}}}, with one extra entity
 *       {@code "<dashboard> / <page>"} per page of a multi-page dashboard;
 *   <li>{@code nrql(}, variables {@code accountId} and {@code query}: returns
 *       {@code actor.account.nrql.results};
 *   <li>{@code alertsPolicyCreate(}, variables {@code accountId}, {@code policy}
 *       ({@code AlertsPolicyInput}), and {@code alertsPolicyUpdate(}, variables
 *       {@code accountId}, {@code id}, {@code policy}: return {@code id name incidentPreference
 *       accountId};
 *   <li>{@code alertsNrqlConditionStaticCreate(}, variables {@code accountId},
 *       {@code policyId}, {@code condition} ({@code AlertsNrqlConditionStaticInput}), and
 *       {@code alertsNrqlConditionStaticUpdate(}, variables {@code accountId}, {@code id},
 *       {@code condition} ({@code AlertsNrqlConditionUpdateStaticInput}, merged into the stored
 *       condition): return the condition with {@code id policyId type name enabled nrql terms
 *       signal expiration ...}, defaults filled in;
 *   <li>{@code policiesSearch(} and {@code nrqlConditionsSearch(} under
 *       {@code actor.account(id: $accountId).alerts}, variables {@code accountId},
 *       {@code searchCriteria} (policies: {@code ids name nameLike}; conditions: {@code name
 *       nameLike policyId query queryLike}) and {@code cursor}: return {@code nextCursor} (always
 *       null), {@code totalCount} and {@code policies} or {@code nrqlConditions};
 *   <li>anything else: a GraphQL error with {@code errorClass} {@code VALIDATION_ERROR}.
 * </ul>
 * Another account id gets a GraphQL error with {@code errorClass} {@code FORBIDDEN}; a missing
 * variable one with {@code VALIDATION_ERROR}. Invalid dashboards get {@code INVALID_INPUT}
 * errors naming the field; markdown widgets ({@code viz.markdown}) need no queries.
 *
 * <h2>Alerts</h2>
 * The alert operations check their variables against NerdGraph's input types, as NerdGraph
 * does: a field the type does not define, a required field missing, a wrong scalar type, an enum
 * value outside the type ({@code ABOVE}, {@code ALL}, {@code EVENT_FLOW}, ...) or a variable
 * declared with another type than the argument's ({@code $policyId: Int!} for {@code ID!}) gets a
 * GraphQL error with {@code errorClass} {@code VALIDATION_ERROR} naming the field. Then the
 * documented rules: an aggregation window of 30..21600 s, threshold durations of 60..86400 s
 * and a whole number of windows, an expiration of 30..172800 s, an aggregation delay of
 * 0..1200 s (EVENT_FLOW) or 0..3600 s (CADENCE), a timer of 0..1200 s (EVENT_TIMER only), at
 * most one term per priority, terms unless the expiration opens a loss-of-signal incident, a
 * query of the NRQL subset with exactly one aggregate function and no SINCE, LIMIT or
 * TIMESERIES; breaking one gets {@code INVALID_INPUT} with {@code data} null, naming each
 * problem.
 *
 * <p>Stored conditions are evaluated over the events the Event API accepts from then on, on the
 * fake's {@linkplain Builder#clock clock}: events fall into aggregation windows by their
 * {@code timestamp}, one signal per combination of FACET values; a window is evaluated when it
 * closes (EVENT_FLOW: an event of the condition arrives at least {@code aggregationDelay} past
 * its end; CADENCE: the clock gets there; EVENT_TIMER: {@code aggregationTimer} after its last
 * arrival), gaps get the fill value, and data for a window already evaluated is dropped. A term
 * opens an incident when its last {@code thresholdDuration / aggregationWindow} values all cross
 * (ALL) or one does (AT_LEAST_ONCE), and closes it when that many values in a row are present and
 * none crosses. A signal silent for {@code expirationDuration} (by arrival on the clock) expires:
 * a loss-of-signal incident opens ({@code openViolationOnExpiration}), its incidents close
 * ({@code closeViolationsOnExpiration}); its next data closes the loss-of-signal incident.
 * Changing a condition closes its incidents and starts its evaluation afresh. Time-driven steps
 * are applied when events arrive and when {@link #incidents()} is read, each at the moment it
 * was due, so with a manual clock a test advances the clock and reads the incidents. Sliding
 * windows and the policy's incident preference are not modelled: every incident is one term of
 * one condition for one signal.
 *
 * <h2>NRQL subset</h2>
 * <pre>
 * [FROM T] SELECT agg [, agg ...] [FROM T] [WHERE cond [AND cond ...]]
 *     [FACET attr [, attr ...]] [SINCE n unit AGO] [TIMESERIES [n unit]] [LIMIT n]
 * [FROM T] SELECT attr [, attr ...] | * [FROM T] [WHERE ...] [SINCE n unit AGO] [LIMIT n]
 * agg  := count(*) | latest(attr) | average(attr) | sum(attr) | min(attr) | max(attr)
 *         | uniqueCount(attr) | percentage(count(*), WHERE cond [AND cond ...]),
 *         each optionally followed by AS 'alias' or AS alias
 * cond := attr = value | attr IN (value [, value ...]), value := 'string' | number
 * unit := second(s) | minute(s) | hour(s) | day(s)
 * </pre>
 * Keywords are case-insensitive, clauses after the SELECT list may come in any order, FROM is
 * required once, names may be backticked. Rows are keyed as New Relic keys them ({@code count},
 * {@code latest.state}, {@code average.failureRate}, {@code percentage}, ... or the alias). FACET
 * (up to 5 attributes) rows add {@code facet} (the value, or the list of values for several
 * attributes) and each attribute, ordered by the first aggregate descending, at most LIMIT
 * (default 10); events without one of the attributes are left out. A query that selects
 * attributes (not with FACET or TIMESERIES) returns one row per event, newest first, with its
 * {@code timestamp} and the attributes (all of them for {@code *}), at most LIMIT (default 100). TIMESERIES (default bucket 1 minute,
 * at most 366 buckets) adds {@code beginTimeSeconds} and {@code endTimeSeconds}, one row per
 * bucket (per facet). SINCE (default 1 hour) filters on the {@code timestamp} attribute, or the
 * arrival time for events without one, against the fake's clock; as in New Relic, every event has
 * a {@code timestamp} in queries, its arrival time if it was sent without one. Anything else gets HTTP 200
 * with {@code nrql: null} and an {@code "NRQL Syntax Error: ..."} error.
 *
 * <p>This class is thread-safe. {@link #toString()} never shows the keys.
 */
public final class FakeNewRelic implements AutoCloseable {
  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final long accountId;
  private final String licenseKey;
  private final String userKey;
  private final HttpServer server;
  private final ExecutorService executor;
  private final URI baseUri;
  private final FaultSchedule faults;
  private final Received received = new Received();
  private final Dashboards dashboards = new Dashboards();
  private final AlertStore alerts = new AlertStore();
  private final AlertEngine alertEngine;
  private final AtomicBoolean closed = new AtomicBoolean();

  private FakeNewRelic(Builder b) throws IOException {
    this.accountId = b.accountId;
    this.licenseKey = b.licenseKey;
    this.userKey = b.userKey;
    this.faults = new FaultSchedule(b.ticker, b.ticker.read());
    this.alertEngine = new AlertEngine(b.clock);
    Map<Api, ApiHandler> handlers = new EnumMap<>(Api.class);
    handlers.put(Api.EVENTS, new EventApi(accountId, licenseKey, b.clock, received, alertEngine));
    handlers.put(Api.METRICS, new MetricApi(licenseKey, b.clock, received));
    handlers.put(Api.NERDGRAPH, new NerdGraph(accountId, userKey, b.clock, received, dashboards,
        new AlertOperations(accountId, alerts, alertEngine)));
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    this.server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    this.executor = Executors.newCachedThreadPool(daemonThreads());
    server.createContext("/", new Router(b.ticker, faults, received, handlers));
    server.setExecutor(executor);
    startOnDaemonThread(server, executor);
    this.baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Starts the server from one of the executor's daemon threads. The JDK's server runs its
   * dispatcher on a thread that takes its daemon status from the thread calling {@code start()},
   * and offers no other way to set it; started from {@code main}, a fake left open would keep the
   * JVM alive after {@code main} returns.
   */
  private static void startOnDaemonThread(HttpServer server, ExecutorService executor) {
    Future<?> started = executor.submit(server::start);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          started.get();
          return;
        } catch (InterruptedException e) {
          interrupted = true; // the start takes moments; finish it rather than leak a half-started server
        } catch (ExecutionException e) {
          throw new IllegalStateException("FakeNewRelic could not start", e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Starts a fake with the defaults: account 1234567, license key
   * {@code "fake-license-key-0000"}, user key {@code "fake-user-key-0000"}, the system ticker and
   * the UTC system clock.
   *
   * @return the running fake; close it when done
   * @throws UncheckedIOException if the server cannot bind to 127.0.0.1
   */
  public static FakeNewRelic start() {
    return builder().start();
  }

  /**
   * Returns a builder for a fake with other keys, account or time sources.
   *
   * @return a new builder with the defaults of {@link #start()}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the server's address.
   *
   * @return {@code http://127.0.0.1:PORT}, without a trailing slash
   */
  public URI baseUri() {
    return baseUri;
  }

  /**
   * Returns the Event API base URL; clients append {@code /v1/accounts/{id}/events}.
   *
   * @return {@link #baseUri()}
   */
  public URI eventApiUrl() {
    return baseUri;
  }

  /**
   * Returns the Metric API base URL; clients append {@code /metric/v1}.
   *
   * @return {@link #baseUri()}
   */
  public URI metricApiUrl() {
    return baseUri;
  }

  /**
   * Returns the NerdGraph base URL; clients append {@code /graphql}.
   *
   * @return {@link #baseUri()}
   */
  public URI nerdGraphUrl() {
    return baseUri;
  }

  /**
   * Returns the environment variables that point a New Relic client at this fake: the account
   * ({@code NEW_RELIC_ACCOUNT_ID}), both keys ({@code NEW_RELIC_LICENSE_KEY},
   * {@code NEW_RELIC_API_KEY}) and the base URL of each API ({@code NEW_RELIC_EVENT_API_URL},
   * {@code NEW_RELIC_METRIC_API_URL}, {@code NEW_RELIC_NERDGRAPH_URL}). With Breakwater's client
   * the configuration is one call, {@code NewRelicConfig.fromEnvironment(fake.environment())};
   * for a child process, add them to its {@code ProcessBuilder.environment()}.
   *
   * @return an unmodifiable map, in the order above
   */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("NEW_RELIC_ACCOUNT_ID", Long.toString(accountId));
    env.put("NEW_RELIC_LICENSE_KEY", licenseKey);
    env.put("NEW_RELIC_API_KEY", userKey);
    env.put("NEW_RELIC_EVENT_API_URL", eventApiUrl().toString());
    env.put("NEW_RELIC_METRIC_API_URL", metricApiUrl().toString());
    env.put("NEW_RELIC_NERDGRAPH_URL", nerdGraphUrl().toString());
    return Collections.unmodifiableMap(env);
  }

  /**
   * Returns the account the fake serves.
   *
   * @return the account id
   */
  public long accountId() {
    return accountId;
  }

  /**
   * Returns the license (ingest) key the Event and Metric APIs accept.
   *
   * @return the license key
   */
  public String licenseKey() {
    return licenseKey;
  }

  /**
   * Returns the user key NerdGraph accepts.
   *
   * @return the user key
   */
  public String userKey() {
    return userKey;
  }

  /**
   * Returns the fault schedule; changes apply to the next request.
   *
   * @return the schedule, shared by all threads
   */
  public FaultSchedule faults() {
    return faults;
  }

  /**
   * Returns every request received on the three APIs, faulted ones included, in arrival order.
   * Requests to other paths (answered 404) are not recorded.
   *
   * @return an immutable snapshot
   */
  public List<ReceivedRequest> requests() {
    return received.requests();
  }

  /**
   * Returns the requests received on one API, in arrival order.
   *
   * @param api the API
   * @return an immutable snapshot
   * @throws NullPointerException if {@code api} is null
   */
  public List<ReceivedRequest> requests(Api api) {
    Objects.requireNonNull(api, "api");
    return received.requests().stream().filter(r -> r.api() == api).toList();
  }

  /**
   * Returns the events the Event API accepted, in arrival order, with Jackson's natural values:
   * String, Integer, Long, Double, Boolean.
   *
   * @return an immutable snapshot of unmodifiable maps
   */
  public List<Map<String, Object>> events() {
    return received.events();
  }

  /**
   * Returns the accepted events of one type, in arrival order.
   *
   * @param eventType the {@code eventType} value
   * @return an immutable snapshot of unmodifiable maps
   * @throws NullPointerException if {@code eventType} is null
   */
  public List<Map<String, Object>> events(String eventType) {
    Objects.requireNonNull(eventType, "eventType");
    return received.events().stream().filter(e -> eventType.equals(e.get("eventType"))).toList();
  }

  /**
   * Returns the events that arrived in accepted payloads but broke a per-event rule.
   *
   * @return an immutable snapshot, in arrival order
   */
  public List<RejectedEvent> rejectedEvents() {
    return received.rejectedEvents();
  }

  /**
   * Returns the metric data points the Metric API accepted.
   *
   * @return an immutable snapshot, in arrival order
   */
  public List<ReceivedMetric> metrics() {
    return received.metrics();
  }

  /**
   * Returns the dashboards created (and updated) through NerdGraph.
   *
   * @return an immutable snapshot, in creation order
   */
  public List<StoredDashboard> dashboards() {
    return dashboards.all();
  }

  /**
   * Returns the alert policies created (and updated) through NerdGraph.
   *
   * @return an immutable snapshot, in creation order
   */
  public List<StoredAlertPolicy> alertPolicies() {
    return alerts.policies();
  }

  /**
   * Returns the static NRQL conditions created (and updated) through NerdGraph.
   *
   * @return an immutable snapshot, in creation order
   */
  public List<StoredAlertCondition> alertConditions() {
    return alerts.conditions();
  }

  /**
   * Returns every incident the stored conditions have opened, open and closed, as of the fake's
   * clock now: reading them first applies whatever the clock's advance has made due (windows
   * that closed, signals that expired). See "Alerts" above.
   *
   * @return an immutable snapshot, oldest first
   */
  public List<Incident> incidents() {
    return alertEngine.incidents();
  }

  /**
   * Waits until the accepted events satisfy {@code condition}, which is tested on a fresh
   * snapshot now and after every change, outside the fake's locks.
   *
   * @param condition tested on {@link #events()}
   * @param timeout how long to wait at most
   * @return true if the condition held in time, false on timeout
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public boolean awaitEvents(Predicate<List<Map<String, Object>>> condition, Duration timeout)
      throws InterruptedException {
    return received.await(received::events, condition, timeout);
  }

  /**
   * Waits until at least {@code count} events have been accepted.
   *
   * @param count how many accepted events to wait for
   * @param timeout how long to wait at most
   * @return true if enough events arrived in time, false on timeout
   * @throws NullPointerException if {@code timeout} is null
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public boolean awaitEventCount(int count, Duration timeout) throws InterruptedException {
    return awaitEvents(events -> events.size() >= count, timeout);
  }

  /**
   * Waits until at least {@code count} requests to {@code api} have been answered (or dropped).
   *
   * @param api the API
   * @param count how many requests to wait for
   * @param timeout how long to wait at most
   * @return true if enough requests arrived in time, false on timeout
   * @throws NullPointerException if {@code api} or {@code timeout} is null
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public boolean awaitRequests(Api api, int count, Duration timeout) throws InterruptedException {
    Objects.requireNonNull(api, "api");
    return received.await(() -> requests(api), requests -> requests.size() >= count, timeout);
  }

  /**
   * Forgets everything received: requests, events, rejected events, metrics, dashboards, alert
   * policies, conditions and incidents. The fault schedule is kept.
   */
  public void clear() {
    received.clear();
    dashboards.clear();
    alertEngine.clear();
    alerts.clear();
  }

  /**
   * Stops the server at once; requests in flight (for example, ones held by a latency fault)
   * are cut off. What was received stays readable. Closing twice is harmless.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "FakeNewRelic{" + baseUri + ", accountId=" + accountId + (closed.get() ? ", closed" : "")
        + "}";
  }

  private ThreadFactory daemonThreads() {
    int server = SERVERS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, "fake-newrelic-" + server + "-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Configures a {@link FakeNewRelic}. Not thread-safe: configure on one thread, then call
   * {@link #start()}.
   */
  public static final class Builder {
    private long accountId = 1234567L;
    private String licenseKey = "fake-license-key-0000";
    private String userKey = "fake-user-key-0000";
    private Ticker ticker = Ticker.system();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the account the fake serves.
     *
     * @param accountId a positive account id
     * @return this builder
     * @throws IllegalArgumentException if {@code accountId} is not positive
     */
    public Builder accountId(long accountId) {
      if (accountId <= 0) {
        throw new IllegalArgumentException("accountId must be positive, was " + accountId);
      }
      this.accountId = accountId;
      return this;
    }

    /**
     * Sets the license key the Event and Metric APIs accept.
     *
     * @param licenseKey a non-blank key
     * @return this builder
     * @throws NullPointerException if {@code licenseKey} is null
     * @throws IllegalArgumentException if {@code licenseKey} is blank
     */
    public Builder licenseKey(String licenseKey) {
      this.licenseKey = nonBlank(licenseKey, "licenseKey");
      return this;
    }

    /**
     * Sets the user key NerdGraph accepts.
     *
     * @param userKey a non-blank key
     * @return this builder
     * @throws NullPointerException if {@code userKey} is null
     * @throws IllegalArgumentException if {@code userKey} is blank
     */
    public Builder userKey(String userKey) {
      this.userKey = nonBlank(userKey, "userKey");
      return this;
    }

    /**
     * Sets the ticker that times the fault schedule's {@code during} windows and stamps
     * {@link ReceivedRequest#receivedAtNanos()}; pass a {@link ManualTicker} to drive windows
     * by hand. Default: {@link Ticker#system()}.
     *
     * @param ticker the ticker
     * @return this builder
     * @throws NullPointerException if {@code ticker} is null
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Sets the wall clock for the event timestamp check (within 24 h), NRQL's SINCE and
     * TIMESERIES, metrics sent without a timestamp, and the evaluation of alert conditions
     * (closing windows, expiring signals, the times of incidents); pass
     * {@link ManualTicker#asClock} to drive it by hand. Default: {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Starts a fake with this configuration on a random port of 127.0.0.1.
     *
     * @return the running fake; close it when done
     * @throws UncheckedIOException if the server cannot bind
     */
    public FakeNewRelic start() {
      try {
        return new FakeNewRelic(this);
      } catch (IOException e) {
        throw new UncheckedIOException("FakeNewRelic could not start on 127.0.0.1", e);
      }
    }

    private static String nonBlank(String value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value;
    }
  }
}
