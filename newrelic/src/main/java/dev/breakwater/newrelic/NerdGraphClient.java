package dev.breakwater.newrelic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.CallNotPermittedException;
import dev.breakwater.CallTimeoutException;
import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerConfig;
import dev.breakwater.CircuitBreakerRegistry;
import dev.breakwater.Permit;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Queries NerdGraph, New Relic's GraphQL API, guarded by the {@code nerdgraph-api} circuit
 * breaker. Only faults of the service count against the breaker (I/O errors, timeouts, HTTP 408,
 * 429 and 5xx, and the transient error classes TIMEOUT, INTERNAL_SERVER_ERROR and SERVER_ERROR);
 * a caller's bad query or a bad key does not, so one caller cannot open the circuit for everyone.
 * Requests are not retried: mutations are not idempotent.
 *
 * <pre>{@code
 * NerdGraphClient nerdGraph = NerdGraphClient.builder(NewRelicConfig.fromEnvironment()).build();
 * List<Map<String, Object>> rows =
 *     nerdGraph.nrql(1234567, "FROM CircuitBreakerMetric SELECT latest(state) FACET breakerName");
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class NerdGraphClient {
  /** The name of the breaker that guards NerdGraph. */
  public static final String BREAKER_NAME = "nerdgraph-api";
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String NRQL_QUERY = "query($accountId: Int!, $query: Nrql!) "
      + "{ actor { account(id: $accountId) { nrql(query: $query) { results } } } }";

  private final URI endpoint;
  private final Secret userKey;
  private final HttpTransport transport;
  private final long maxResponseBytes;
  private final CircuitBreaker breaker;

  private NerdGraphClient(Builder b) {
    NewRelicConfig config = b.settings.config();
    this.endpoint = config.nerdGraphEndpoint();
    this.userKey = config.userKey("NerdGraphClient");
    this.maxResponseBytes = b.maxResponseBytes;
    this.transport = new HttpTransport(b.settings.httpClient(), maxResponseBytes);
    this.breaker = b.settings.breakerOr(defaultBreakerConfig());
  }

  /**
   * The design guide's breaker for NerdGraph: 5 consecutive failures open it, 2 trial successes
   * close it, 30 s timeout, 5 s retry delay, 60 s window.
   *
   * @return a new configuration for the {@code nerdgraph-api} breaker
   */
  public static CircuitBreakerConfig defaultBreakerConfig() {
    return CircuitBreakerConfig.builder(BREAKER_NAME)
        .failureThreshold(5)
        .successThreshold(2)
        .timeout(Duration.ofSeconds(30))
        .retryDelay(Duration.ofSeconds(5))
        .monitoringWindow(Duration.ofSeconds(60))
        .build();
  }

  /**
   * Starts a client for the user key and NerdGraph URL of {@code config}.
   *
   * @param config the user key and endpoints to use
   * @return a new builder
   * @throws NullPointerException if {@code config} is null
   */
  public static Builder builder(NewRelicConfig config) {
    return new Builder(Objects.requireNonNull(config, "config"));
  }

  /**
   * Runs a GraphQL query or mutation and returns its {@code data}.
   *
   * @param graphql the query text
   * @param variables the variables, converted to JSON by Jackson; may be empty
   * @return the response's {@code data} tree
   * @throws NerdGraphException if the request failed or the response carries errors
   * @throws CallNotPermittedException if the {@code nerdgraph-api} circuit is open
   */
  public JsonNode query(String graphql, Map<String, ?> variables) {
    Objects.requireNonNull(graphql, "graphql");
    Objects.requireNonNull(variables, "variables");
    byte[] body;
    try {
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("query", graphql);
      request.put("variables", variables);
      body = JSON.writeValueAsBytes(request);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("variables cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
    Permit permit = breaker.tryAcquire()
        .orElseThrow(() -> new CallNotPermittedException(breaker.name(), breaker.state()));
    HttpResult result = post(body, permit);
    return interpret(result, permit);
  }

  /**
   * Runs a query and maps its {@code data} onto {@code type} with Jackson.
   *
   * @param graphql the query text
   * @param variables the variables, converted to JSON by Jackson; may be empty
   * @param type the class the {@code data} is mapped onto
   * @param <T> the type of the result
   * @return the response's {@code data} as a {@code T}
   * @throws NerdGraphException if the request failed, the response carries errors, or the data
   *     does not fit {@code type}
   * @throws CallNotPermittedException if the {@code nerdgraph-api} circuit is open
   */
  public <T> T query(String graphql, Map<String, ?> variables, Class<T> type) {
    JsonNode data = query(graphql, variables);
    try {
      return JSON.treeToValue(data, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new NerdGraphException("NerdGraph data does not fit " + type.getSimpleName() + ": "
          + e.getMessage(), 200, false, List.of(), data, e);
    }
  }

  /**
   * Runs an NRQL query in an account and returns the result rows.
   *
   * @param accountId the id of the account to query
   * @param nrql the NRQL query text
   * @return the result rows, one map per row
   * @throws NerdGraphException if the request failed or NerdGraph reported errors (e.g. bad NRQL)
   * @throws CallNotPermittedException if the {@code nerdgraph-api} circuit is open
   */
  public List<Map<String, Object>> nrql(long accountId, String nrql) {
    Objects.requireNonNull(nrql, "nrql");
    JsonNode results = query(NRQL_QUERY, Map.of("accountId", accountId, "query", nrql))
        .path("actor").path("account").path("nrql").path("results");
    if (!results.isArray()) {
      throw new NerdGraphException("NerdGraph returned no NRQL results", 200, false, List.of(),
          null, null);
    }
    return JSON.convertValue(results, new TypeReference<List<Map<String, Object>>>() {});
  }

  /**
   * The breaker that guards this client's calls.
   *
   * @return the {@code nerdgraph-api} breaker
   */
  public CircuitBreaker breaker() {
    return breaker;
  }

  private HttpResult post(byte[] body, Permit permit) {
    Duration timeout = breaker.config().timeout();
    Map<String, String> headers = Map.of("API-Key", userKey.reveal(), "Content-Type", "application/json");
    try {
      return transport.post(endpoint, headers, body, timeout);
    } catch (HttpTimeoutException e) {
      permit.onFailure(new CallTimeoutException(breaker.name(), timeout, e));
      throw new NerdGraphException("NerdGraph did not answer within " + timeout, 0, true, List.of(),
          null, e);
    } catch (IOException e) {
      permit.onFailure(e);
      throw new NerdGraphException("NerdGraph request failed: " + HttpTransport.describe(e), 0, true,
          List.of(), null, e);
    } catch (InterruptedException e) {
      permit.release();
      Thread.currentThread().interrupt();
      throw new NerdGraphException("interrupted while waiting for NerdGraph", 0, false, List.of(), null, e);
    } catch (RuntimeException | Error e) {
      permit.release(); // a bug or a misconfiguration, not the service's fault; never leak the slot
      throw e;
    }
  }

  private JsonNode interpret(HttpResult result, Permit permit) {
    int status = result.status();
    if (result.truncated() && status == 200) {
      permit.release(); // the caller asked for too much; the service is fine
      throw new NerdGraphException("NerdGraph's answer from " + endpoint.getHost() + " exceeded "
          + maxResponseBytes + " bytes (see maxResponseBytes)", 200, false, List.of(), null, null);
    }
    JsonNode response;
    try {
      response = JSON.readTree(result.body());
    } catch (IOException e) {
      response = null;
    }
    if (status != 200 || response == null || !response.isObject()) {
      boolean transientFault = status == 408 || status == 429 || status >= 500 || status == 200;
      List<GraphQlError> errors = response == null ? List.of() : GraphQlResponses.errors(response);
      NerdGraphException failure = new NerdGraphException(GraphQlResponses.describeHttp(status, errors), status,
          transientFault, errors, null, null);
      end(permit, transientFault, failure);
      throw failure;
    }
    List<GraphQlError> errors = GraphQlResponses.errors(response);
    JsonNode data = response.get("data");
    if (errors.isEmpty()) {
      permit.onSuccess();
      return data == null ? JSON.nullNode() : data;
    }
    boolean transientFault = GraphQlResponses.anyTransient(errors);
    NerdGraphException failure = new NerdGraphException("NerdGraph returned " + errors.size()
        + (errors.size() == 1 ? " error: " : " errors: ") + GraphQlResponses.join(errors), status,
        transientFault, errors, data, null);
    end(permit, transientFault, failure);
    throw failure;
  }

  private static void end(Permit permit, boolean transientFault, NerdGraphException failure) {
    if (transientFault) {
      permit.onFailure(failure);
    } else {
      permit.release(); // the caller's problem, not the service's
    }
  }

  @Override
  public String toString() {
    return "NerdGraphClient{endpoint=" + endpoint + ", breaker=" + breaker.name() + "}";
  }

  /** Builds a {@link NerdGraphClient}. Not thread-safe. */
  public static final class Builder {
    private final ClientSettings settings;
    private long maxResponseBytes = 16L * 1024 * 1024;

    private Builder(NewRelicConfig config) {
      this.settings = new ClientSettings(config);
    }

    /**
     * Takes the {@code nerdgraph-api} breaker, with {@link #defaultBreakerConfig()}, from this
     * registry, so that monitors see it. Default: a registry of the client's own.
     *
     * @param registry the registry to take the breaker from
     * @return this builder
     * @throws NullPointerException if {@code registry} is null
     */
    public Builder registry(CircuitBreakerRegistry registry) {
      settings.registry(registry);
      return this;
    }

    /**
     * Guards every request with this breaker instead of the registry's. Its {@code timeout}
     * becomes the request timeout.
     *
     * @param breaker the breaker to guard every request with
     * @return this builder
     * @throws NullPointerException if {@code breaker} is null
     */
    public Builder breaker(CircuitBreaker breaker) {
      settings.breaker(breaker);
      return this;
    }

    /**
     * Sends with this HTTP client instead of Breakwater's own (HTTP/1.1, no redirects, a
     * {@linkplain #connectTimeout connect timeout} of 5 s). It must not follow redirects: the JDK
     * client would send the user key to whatever host a redirect names.
     *
     * @param httpClient the client to send requests with
     * @return this builder
     * @throws IllegalArgumentException if the client follows redirects
     * @throws NullPointerException if {@code httpClient} is null
     */
    public Builder httpClient(HttpClient httpClient) {
      settings.httpClient(httpClient);
      return this;
    }

    /**
     * Sets how long Breakwater's own HTTP client waits for a connection (default 5 s), apart
     * from the request timeout (the breaker's {@code timeout}), so that an unreachable host fails
     * in seconds. With {@link #httpClient}, set it on that client instead.
     *
     * @param timeout how long to wait for a connection (default 5 s)
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws NullPointerException if {@code timeout} is null
     */
    public Builder connectTimeout(Duration timeout) {
      settings.connectTimeout(timeout);
      return this;
    }

    /**
     * Bounds the response body (default 16 MiB); a longer answer fails the request.
     *
     * @param max the most bytes a response body may have (default 16 MiB)
     * @return this builder
     * @throws IllegalArgumentException if less than 1 KiB
     */
    public Builder maxResponseBytes(long max) {
      if (max < 1024) {
        throw new IllegalArgumentException("maxResponseBytes must be >= 1024, was " + max);
      }
      this.maxResponseBytes = max;
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the new client
     * @throws IllegalStateException if the config has no user key, or both {@link #httpClient}
     *     and {@link #connectTimeout} were set
     * @throws IllegalArgumentException if the registry holds a {@code nerdgraph-api} breaker with
     *     a different configuration
     */
    public NerdGraphClient build() {
      return new NerdGraphClient(this);
    }
  }
}
