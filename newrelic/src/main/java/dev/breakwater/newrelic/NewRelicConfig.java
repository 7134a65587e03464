package dev.breakwater.newrelic;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and as whom to talk to New Relic: the account, the license key (for the Event and Metric
 * APIs), the user key (for NerdGraph), the region, and optional base-URL overrides per API (for
 * tests, proxies or FedRAMP hosts). Keys never appear in {@link #toString()}, logs or exception
 * messages.
 *
 * <pre>{@code
 * NewRelicConfig config = NewRelicConfig.fromEnvironment();
 * NewRelicConfig fake = NewRelicConfig.fromEnvironment(fakeNewRelic.environment()); // in a test
 * NewRelicConfig eu = NewRelicConfig.builder().accountId(1234567)
 *     .licenseKey(license).userKey(user).region(Region.EU).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class NewRelicConfig {
  /** The environment variable holding the account id. */
  public static final String ACCOUNT_ID_VARIABLE = "NEW_RELIC_ACCOUNT_ID";
  /** The environment variable holding the license (ingest) key. */
  public static final String LICENSE_KEY_VARIABLE = "NEW_RELIC_LICENSE_KEY";
  /** The environment variable holding the user key, for NerdGraph. */
  public static final String USER_KEY_VARIABLE = "NEW_RELIC_API_KEY";
  /** The environment variable holding the region, US (default) or EU. */
  public static final String REGION_VARIABLE = "NEW_RELIC_REGION";
  /**
   * Breakwater's environment variable overriding the Event API base URL, as
   * {@link Builder#eventApiUrl}; for tests, proxies and FedRAMP hosts.
   */
  public static final String EVENT_API_URL_VARIABLE = "NEW_RELIC_EVENT_API_URL";
  /** Breakwater's environment variable overriding the Metric API base URL, as {@link Builder#metricApiUrl}. */
  public static final String METRIC_API_URL_VARIABLE = "NEW_RELIC_METRIC_API_URL";
  /** Breakwater's environment variable overriding the NerdGraph base URL, as {@link Builder#nerdGraphUrl}. */
  public static final String NERDGRAPH_URL_VARIABLE = "NEW_RELIC_NERDGRAPH_URL";

  private final long accountId;
  private final Secret licenseKey;
  private final Secret userKey;
  private final Region region;
  private final URI eventApiUrl;
  private final URI metricApiUrl;
  private final URI nerdGraphUrl;

  private NewRelicConfig(Builder b) {
    this.accountId = b.accountId;
    this.licenseKey = b.licenseKey;
    this.userKey = b.userKey;
    this.region = b.region;
    this.eventApiUrl = b.eventApiUrl == null ? region.eventApiUrl() : b.eventApiUrl;
    this.metricApiUrl = b.metricApiUrl == null ? region.metricApiUrl() : b.metricApiUrl;
    this.nerdGraphUrl = b.nerdGraphUrl == null ? region.nerdGraphUrl() : b.nerdGraphUrl;
  }

  /**
   * Starts an empty configuration (region US).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads {@code NEW_RELIC_ACCOUNT_ID} (required), {@code NEW_RELIC_LICENSE_KEY},
   * {@code NEW_RELIC_API_KEY} (at least one of the two keys), {@code NEW_RELIC_REGION}
   * (optional, US or EU) and the optional base-URL overrides {@code NEW_RELIC_EVENT_API_URL},
   * {@code NEW_RELIC_METRIC_API_URL} and {@code NEW_RELIC_NERDGRAPH_URL} from the process
   * environment.
   *
   * @return the configuration
   * @throws IllegalArgumentException naming every variable (never its value) that is missing or
   *     bad
   */
  public static NewRelicConfig fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * Like {@link #fromEnvironment()}, from the given map of variables; a test can point a
   * configuration at a fake New Relic in one call, with the variables the fake gives.
   *
   * @param env the variables by name
   * @return the configuration
   * @throws IllegalArgumentException naming every variable (never its value) that is missing or
   *     bad, in one message
   * @throws NullPointerException if {@code env} is null
   */
  public static NewRelicConfig fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    Builder b = builder();
    List<String> problems = new ArrayList<>();
    Optional<String> account = present(env, ACCOUNT_ID_VARIABLE);
    if (account.isEmpty()) {
      problems.add(ACCOUNT_ID_VARIABLE + " is not set");
    } else {
      try {
        b.accountId(Long.parseLong(account.get().strip()));
      } catch (IllegalArgumentException e) {
        problems.add(ACCOUNT_ID_VARIABLE + " must be a positive integer");
      }
    }
    Optional<String> license = present(env, LICENSE_KEY_VARIABLE);
    Optional<String> user = present(env, USER_KEY_VARIABLE);
    if (license.isEmpty() && user.isEmpty()) {
      problems.add("neither " + LICENSE_KEY_VARIABLE + " nor " + USER_KEY_VARIABLE + " is set");
    }
    collect(problems, () -> license.ifPresent(k -> b.licenseKey = Secret.of(LICENSE_KEY_VARIABLE, k)));
    collect(problems, () -> user.ifPresent(k -> b.userKey = Secret.of(USER_KEY_VARIABLE, k)));
    present(env, REGION_VARIABLE).ifPresent(region -> {
      try {
        b.region(Region.parse(region));
      } catch (IllegalArgumentException e) {
        problems.add(REGION_VARIABLE + " must be US or EU");
      }
    });
    present(env, EVENT_API_URL_VARIABLE).ifPresent(url ->
        collect(problems, () -> b.eventApiUrl = Builder.httpUrl(EVENT_API_URL_VARIABLE, url)));
    present(env, METRIC_API_URL_VARIABLE).ifPresent(url ->
        collect(problems, () -> b.metricApiUrl = Builder.httpUrl(METRIC_API_URL_VARIABLE, url)));
    present(env, NERDGRAPH_URL_VARIABLE).ifPresent(url ->
        collect(problems, () -> b.nerdGraphUrl = Builder.httpUrl(NERDGRAPH_URL_VARIABLE, url)));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return b.build();
  }

  /** Runs a step that validates one variable; its message joins the others instead of ending the read. */
  private static void collect(List<String> problems, Runnable step) {
    try {
      step.run();
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
  }

  private static Optional<String> present(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /**
   * The account id; 0 when not configured.
   *
   * @return the account id, or 0
   */
  public long accountId() {
    return accountId;
  }

  /**
   * The region (US unless set).
   *
   * @return the region
   */
  public Region region() {
    return region;
  }

  /**
   * Whether a license key is configured (needed by the Event and Metric APIs).
   *
   * @return true if there is a license key
   */
  public boolean hasLicenseKey() {
    return licenseKey != null;
  }

  /**
   * Whether a user key is configured (needed by NerdGraph).
   *
   * @return true if there is a user key
   */
  public boolean hasUserKey() {
    return userKey != null;
  }

  /**
   * The full Event API endpoint, {@code <base>/v1/accounts/<accountId>/events}.
   *
   * @return the Event API endpoint
   */
  public URI eventApiEndpoint() {
    return resolve(eventApiUrl, "/v1/accounts/" + accountId + "/events");
  }

  /**
   * The full Metric API endpoint, {@code <base>/metric/v1}.
   *
   * @return the Metric API endpoint
   */
  public URI metricApiEndpoint() {
    return resolve(metricApiUrl, "/metric/v1");
  }

  /**
   * The full NerdGraph endpoint, {@code <base>/graphql}.
   *
   * @return the NerdGraph endpoint
   */
  public URI nerdGraphEndpoint() {
    return resolve(nerdGraphUrl, "/graphql");
  }

  private static URI resolve(URI base, String path) {
    String b = base.toString();
    return URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) + path : b + path);
  }

  /** The license key, or a clear error naming what is missing. For the HTTP layer only. */
  Secret licenseKey(String neededBy) {
    if (licenseKey == null) {
      throw new IllegalStateException(neededBy + " needs a license key (licenseKey, or "
          + LICENSE_KEY_VARIABLE + ")");
    }
    return licenseKey;
  }

  /** The user key, or a clear error naming what is missing. For the HTTP layer only. */
  Secret userKey(String neededBy) {
    if (userKey == null) {
      throw new IllegalStateException(neededBy + " needs a user key (userKey, or "
          + USER_KEY_VARIABLE + ")");
    }
    return userKey;
  }

  /** Fails with a clear error unless an account id is configured. */
  long requireAccountId(String neededBy) {
    if (accountId <= 0) {
      throw new IllegalStateException(neededBy + " needs an account id (accountId, or "
          + ACCOUNT_ID_VARIABLE + ")");
    }
    return accountId;
  }

  @Override
  public String toString() {
    return "NewRelicConfig{accountId=" + accountId
        + ", region=" + region
        + ", licenseKey=" + (licenseKey == null ? "none" : licenseKey)
        + ", userKey=" + (userKey == null ? "none" : userKey)
        + ", eventApi=" + eventApiUrl
        + ", metricApi=" + metricApiUrl
        + ", nerdGraph=" + nerdGraphUrl + "}";
  }

  /** Builds a {@link NewRelicConfig}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private long accountId;
    private Secret licenseKey;
    private Secret userKey;
    private Region region = Region.US;
    private URI eventApiUrl;
    private URI metricApiUrl;
    private URI nerdGraphUrl;

    private Builder() {}

    /**
     * Sets the account id.
     *
     * @param accountId the New Relic account id
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder accountId(long accountId) {
      if (accountId <= 0) {
        throw new IllegalArgumentException("accountId must be a positive integer, was " + accountId);
      }
      this.accountId = accountId;
      return this;
    }

    /**
     * Sets the license (ingest) key used by the Event and Metric APIs.
     *
     * @param licenseKey the license key
     * @return this builder
     * @throws IllegalArgumentException if blank or not printable ASCII (the message never shows it)
     */
    public Builder licenseKey(String licenseKey) {
      this.licenseKey = Secret.of("licenseKey", licenseKey);
      return this;
    }

    /**
     * Sets the user key used by NerdGraph.
     *
     * @param userKey the user key
     * @return this builder
     * @throws IllegalArgumentException if blank or not printable ASCII (the message never shows it)
     */
    public Builder userKey(String userKey) {
      this.userKey = Secret.of("userKey", userKey);
      return this;
    }

    /**
     * Sets the region, which picks the default hosts.
     *
     * @param region the account's region
     * @return this builder
     * @throws NullPointerException if {@code region} is null
     */
    public Builder region(Region region) {
      this.region = Objects.requireNonNull(region, "region");
      return this;
    }

    /**
     * Overrides the Event API base URL (scheme, host, port, optional path prefix); the client
     * appends {@code /v1/accounts/<accountId>/events}.
     *
     * @param url the base URL
     * @return this builder
     * @throws IllegalArgumentException if not an absolute http or https URL
     */
    public Builder eventApiUrl(URI url) {
      this.eventApiUrl = httpUrl("eventApiUrl", url);
      return this;
    }

    /**
     * Overrides the Metric API base URL; the client appends {@code /metric/v1}.
     *
     * @param url the base URL
     * @return this builder
     * @throws IllegalArgumentException if not an absolute http or https URL
     */
    public Builder metricApiUrl(URI url) {
      this.metricApiUrl = httpUrl("metricApiUrl", url);
      return this;
    }

    /**
     * Overrides the NerdGraph base URL; the client appends {@code /graphql}.
     *
     * @param url the base URL
     * @return this builder
     * @throws IllegalArgumentException if not an absolute http or https URL
     */
    public Builder nerdGraphUrl(URI url) {
      this.nerdGraphUrl = httpUrl("nerdGraphUrl", url);
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the new configuration
     */
    public NewRelicConfig build() {
      return new NewRelicConfig(this);
    }

    private static URI httpUrl(String field, URI url) {
      if (url == null || !url.isAbsolute() || url.getHost() == null
          || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
        throw new IllegalArgumentException(field + " must be an absolute http(s) URL, was " + url);
      }
      return url;
    }

    /** Parses a URL from a variable. The error does not echo the text: a URL may carry credentials. */
    static URI httpUrl(String variable, String text) {
      try {
        URI url = new URI(text.strip());
        if (url.isAbsolute() && url.getHost() != null
            && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
          return url;
        }
      } catch (java.net.URISyntaxException e) {
        // reported below
      }
      throw new IllegalArgumentException(variable + " must be an absolute http(s) URL");
    }
  }
}
