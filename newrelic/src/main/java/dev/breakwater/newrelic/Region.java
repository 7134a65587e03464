package dev.breakwater.newrelic;

import java.net.URI;
import java.util.Locale;

/** The New Relic data center an account lives in; it decides the API hosts. */
public enum Region {
  /** United States: api.newrelic.com, insights-collector.newrelic.com, metric-api.newrelic.com. */
  US("https://insights-collector.newrelic.com", "https://metric-api.newrelic.com",
      "https://api.newrelic.com"),
  /** European Union: the eu hosts of each API. */
  EU("https://insights-collector.eu01.nr-data.net", "https://metric-api.eu.newrelic.com",
      "https://api.eu.newrelic.com");

  private final URI eventApi;
  private final URI metricApi;
  private final URI nerdGraph;

  Region(String eventApi, String metricApi, String nerdGraph) {
    this.eventApi = URI.create(eventApi);
    this.metricApi = URI.create(metricApi);
    this.nerdGraph = URI.create(nerdGraph);
  }

  /**
   * The Event API's base URL (scheme and host) in this region.
   *
   * @return the Event API base URL
   */
  public URI eventApiUrl() {
    return eventApi;
  }

  /**
   * The Metric API's base URL in this region.
   *
   * @return the Metric API base URL
   */
  public URI metricApiUrl() {
    return metricApi;
  }

  /**
   * NerdGraph's base URL in this region.
   *
   * @return the NerdGraph base URL
   */
  public URI nerdGraphUrl() {
    return nerdGraph;
  }

  /**
   * Parses a region name, ignoring case and surrounding blanks.
   *
   * @param name the region's name, US or EU
   * @return the region
   * @throws IllegalArgumentException if the name is neither US nor EU
   */
  public static Region parse(String name) {
    if (name != null) {
      String n = name.strip().toUpperCase(Locale.ROOT);
      for (Region r : values()) {
        if (r.name().equals(n)) {
          return r;
        }
      }
    }
    throw new IllegalArgumentException("region must be US or EU");
  }
}
