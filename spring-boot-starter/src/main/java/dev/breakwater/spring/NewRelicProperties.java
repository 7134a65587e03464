package dev.breakwater.spring;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reporting to New Relic, under {@code breakwater.newrelic}. Keys left unset are read from New
 * Relic's usual environment variables ({@code NEW_RELIC_ACCOUNT_ID}, {@code NEW_RELIC_LICENSE_KEY},
 * {@code NEW_RELIC_API_KEY}, {@code NEW_RELIC_REGION}). Keys never appear in logs, errors or
 * {@code toString()}.
 */
@ConfigurationProperties(prefix = "breakwater.newrelic")
public class NewRelicProperties {
  /** Whether to report every breaker to New Relic (default: false). */
  private boolean enabled;
  /** The New Relic account id (default: NEW_RELIC_ACCOUNT_ID). */
  private Long accountId;
  /** The ingest license key for the Event and Metric APIs (default: NEW_RELIC_LICENSE_KEY). */
  private String licenseKey;
  /** The user key for NerdGraph and dashboards (default: NEW_RELIC_API_KEY). */
  private String apiKey;
  /** US or EU (default: NEW_RELIC_REGION, else US). */
  private String region;
  /** How often every breaker is reported (default: 1m). */
  private Duration reportInterval = Duration.ofMinutes(1);
  /** How long shutdown waits for the last report and the buffers to drain (default: 10s). */
  private Duration closeTimeout = Duration.ofSeconds(10);
  /** The Event API base URL, to override the region's (tests, FedRAMP). */
  private URI eventApiUrl;
  /** The Metric API base URL, to override the region's. */
  private URI metricApiUrl;
  /** The NerdGraph URL, to override the region's. */
  private URI nerdgraphUrl;
  /** Dashboard provisioning. */
  private final Dashboard dashboard = new Dashboard();

  /** @return whether reporting is on */
  public boolean isEnabled() {
    return enabled;
  }

  /** @param enabled whether reporting is on */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** @return the account id, or null for the environment's */
  public Long getAccountId() {
    return accountId;
  }

  /** @param accountId the account id */
  public void setAccountId(Long accountId) {
    this.accountId = accountId;
  }

  /** @return the license key, or null for the environment's */
  public String getLicenseKey() {
    return licenseKey;
  }

  /** @param licenseKey the ingest license key */
  public void setLicenseKey(String licenseKey) {
    this.licenseKey = licenseKey;
  }

  /** @return the user key, or null for the environment's */
  public String getApiKey() {
    return apiKey;
  }

  /** @param apiKey the user key */
  public void setApiKey(String apiKey) {
    this.apiKey = apiKey;
  }

  /** @return the region, or null for the environment's */
  public String getRegion() {
    return region;
  }

  /** @param region US or EU */
  public void setRegion(String region) {
    this.region = region;
  }

  /** @return how often every breaker is reported */
  public Duration getReportInterval() {
    return reportInterval;
  }

  /** @param reportInterval how often every breaker is reported */
  public void setReportInterval(Duration reportInterval) {
    this.reportInterval = reportInterval;
  }

  /** @return how long shutdown waits for delivery */
  public Duration getCloseTimeout() {
    return closeTimeout;
  }

  /** @param closeTimeout how long shutdown waits for delivery */
  public void setCloseTimeout(Duration closeTimeout) {
    this.closeTimeout = closeTimeout;
  }

  /** @return the Event API URL override, or null */
  public URI getEventApiUrl() {
    return eventApiUrl;
  }

  /** @param eventApiUrl the Event API base URL */
  public void setEventApiUrl(URI eventApiUrl) {
    this.eventApiUrl = eventApiUrl;
  }

  /** @return the Metric API URL override, or null */
  public URI getMetricApiUrl() {
    return metricApiUrl;
  }

  /** @param metricApiUrl the Metric API base URL */
  public void setMetricApiUrl(URI metricApiUrl) {
    this.metricApiUrl = metricApiUrl;
  }

  /** @return the NerdGraph URL override, or null */
  public URI getNerdgraphUrl() {
    return nerdgraphUrl;
  }

  /** @param nerdgraphUrl the NerdGraph URL */
  public void setNerdgraphUrl(URI nerdgraphUrl) {
    this.nerdgraphUrl = nerdgraphUrl;
  }

  /** @return the dashboard settings */
  public Dashboard getDashboard() {
    return dashboard;
  }

  /** Provisioning of the "Circuit Breaker Health" dashboard. */
  public static class Dashboard {
    /** Whether to create or update the dashboard at startup, in the background (default: false). */
    private boolean provision;

    /** @return whether to provision at startup */
    public boolean isProvision() {
      return provision;
    }

    /** @param provision whether to provision at startup */
    public void setProvision(boolean provision) {
      this.provision = provision;
    }
  }

  @Override
  public String toString() {
    return "NewRelicProperties{enabled=" + enabled + ", accountId=" + accountId + ", region=" + region
        + ", licenseKey=" + (licenseKey == null ? "unset" : "****") + ", apiKey="
        + (apiKey == null ? "unset" : "****") + "}";
  }
}
