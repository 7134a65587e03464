package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NewRelicConfigTest {
  private static final String CANARY_LICENSE = "canary-license-7f3a9c";
  private static final String CANARY_USER = "canary-user-41b2d8";

  @Test
  void readsTheUsualEnvironmentVariables() {
    NewRelicConfig c = NewRelicConfig.fromEnvironment(Map.of(
        "NEW_RELIC_ACCOUNT_ID", "1234567",
        "NEW_RELIC_LICENSE_KEY", CANARY_LICENSE,
        "NEW_RELIC_API_KEY", CANARY_USER,
        "NEW_RELIC_REGION", "eu"));
    assertThat(c.accountId()).isEqualTo(1234567);
    assertThat(c.region()).isEqualTo(Region.EU);
    assertThat(c.hasLicenseKey()).isTrue();
    assertThat(c.hasUserKey()).isTrue();
    assertThat(c.eventApiEndpoint())
        .isEqualTo(URI.create("https://insights-collector.eu01.nr-data.net/v1/accounts/1234567/events"));
    assertThat(c.nerdGraphEndpoint()).isEqualTo(URI.create("https://api.eu.newrelic.com/graphql"));
    assertThat(c.metricApiEndpoint()).isEqualTo(URI.create("https://metric-api.eu.newrelic.com/metric/v1"));
  }

  @Test
  void usEndpointsByDefault() {
    NewRelicConfig c = NewRelicConfig.builder().accountId(42).licenseKey(CANARY_LICENSE).build();
    assertThat(c.eventApiEndpoint())
        .isEqualTo(URI.create("https://insights-collector.newrelic.com/v1/accounts/42/events"));
    assertThat(c.nerdGraphEndpoint()).isEqualTo(URI.create("https://api.newrelic.com/graphql"));
    assertThat(c.metricApiEndpoint()).isEqualTo(URI.create("https://metric-api.newrelic.com/metric/v1"));
  }

  @Test
  void urlOverridesReplaceTheRegionsHosts() {
    NewRelicConfig c = NewRelicConfig.builder().accountId(42)
        .eventApiUrl(URI.create("http://127.0.0.1:8080/"))
        .metricApiUrl(URI.create("http://127.0.0.1:8081"))
        .nerdGraphUrl(URI.create("https://gov-api.newrelic.com")).build();
    assertThat(c.eventApiEndpoint()).isEqualTo(URI.create("http://127.0.0.1:8080/v1/accounts/42/events"));
    assertThat(c.metricApiEndpoint()).isEqualTo(URI.create("http://127.0.0.1:8081/metric/v1"));
    assertThat(c.nerdGraphEndpoint()).isEqualTo(URI.create("https://gov-api.newrelic.com/graphql"));
  }

  @Test
  void missingOrBadVariablesAreNamedButTheirValuesNeverShown() {
    assertThatThrownBy(() -> NewRelicConfig.fromEnvironment(Map.of()))
        .hasMessage("NEW_RELIC_ACCOUNT_ID is not set; neither NEW_RELIC_LICENSE_KEY nor NEW_RELIC_API_KEY is set");
    assertThatThrownBy(() -> NewRelicConfig.fromEnvironment(Map.of("NEW_RELIC_ACCOUNT_ID", CANARY_LICENSE)))
        .hasMessage("NEW_RELIC_ACCOUNT_ID must be a positive integer; "
            + "neither NEW_RELIC_LICENSE_KEY nor NEW_RELIC_API_KEY is set")
        .message().doesNotContain(CANARY_LICENSE);
    assertThatThrownBy(() -> NewRelicConfig.fromEnvironment(Map.of("NEW_RELIC_ACCOUNT_ID", "-5",
        "NEW_RELIC_LICENSE_KEY", CANARY_LICENSE)))
        .hasMessage("NEW_RELIC_ACCOUNT_ID must be a positive integer");
    assertThatThrownBy(() -> NewRelicConfig.fromEnvironment(Map.of("NEW_RELIC_ACCOUNT_ID", "1")))
        .hasMessage("neither NEW_RELIC_LICENSE_KEY nor NEW_RELIC_API_KEY is set");
    assertThatThrownBy(() -> NewRelicConfig.fromEnvironment(Map.of("NEW_RELIC_ACCOUNT_ID", "1",
        "NEW_RELIC_LICENSE_KEY", CANARY_LICENSE + " x")))
        .hasMessageStartingWith("NEW_RELIC_LICENSE_KEY must be printable ASCII without spaces")
        .message().doesNotContain(CANARY_LICENSE);
    assertThatThrownBy(() -> NewRelicConfig.fromEnvironment(Map.of("NEW_RELIC_ACCOUNT_ID", "1",
        "NEW_RELIC_API_KEY", CANARY_USER, "NEW_RELIC_REGION", "APAC")))
        .hasMessage("NEW_RELIC_REGION must be US or EU");
  }

  @Test
  void urlOverridesComeFromTheEnvironmentToo() {
    NewRelicConfig c = NewRelicConfig.fromEnvironment(Map.of(
        "NEW_RELIC_ACCOUNT_ID", "42",
        "NEW_RELIC_LICENSE_KEY", CANARY_LICENSE,
        "NEW_RELIC_EVENT_API_URL", "http://127.0.0.1:8080",
        "NEW_RELIC_METRIC_API_URL", " http://127.0.0.1:8081/ ",
        "NEW_RELIC_NERDGRAPH_URL", "https://gov-api.newrelic.com"));
    assertThat(c.eventApiEndpoint()).isEqualTo(URI.create("http://127.0.0.1:8080/v1/accounts/42/events"));
    assertThat(c.metricApiEndpoint()).isEqualTo(URI.create("http://127.0.0.1:8081/metric/v1"));
    assertThat(c.nerdGraphEndpoint()).isEqualTo(URI.create("https://gov-api.newrelic.com/graphql"));
  }

  @Test
  void everyBadVariableIsNamedInOneMessageWithoutItsValue() {
    String credentials = "https://" + CANARY_USER + "@";
    assertThatThrownBy(() -> NewRelicConfig.fromEnvironment(Map.of(
        "NEW_RELIC_ACCOUNT_ID", "abc",
        "NEW_RELIC_LICENSE_KEY", "has space",
        "NEW_RELIC_REGION", "MARS",
        "NEW_RELIC_EVENT_API_URL", "ftp://127.0.0.1",
        "NEW_RELIC_NERDGRAPH_URL", credentials)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("NEW_RELIC_ACCOUNT_ID must be a positive integer; NEW_RELIC_LICENSE_KEY must be printable "
            + "ASCII without spaces (found a character that is not, at index 3); NEW_RELIC_REGION must be US or "
            + "EU; NEW_RELIC_EVENT_API_URL must be an absolute http(s) URL; NEW_RELIC_NERDGRAPH_URL must be an "
            + "absolute http(s) URL");
  }

  @Test
  void toStringMasksKeys() {
    NewRelicConfig c = NewRelicConfig.builder().accountId(7).licenseKey(CANARY_LICENSE)
        .userKey(CANARY_USER).build();
    assertThat(c.toString()).doesNotContain(CANARY_LICENSE, CANARY_USER).contains("licenseKey=****");
  }

  @Test
  void clientsSayWhichSettingIsMissing() {
    NewRelicConfig noKeys = NewRelicConfig.builder().accountId(7).build();
    assertThatThrownBy(() -> EventApiClient.builder(noKeys).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("EventApiClient needs a license key (licenseKey, or NEW_RELIC_LICENSE_KEY)");
    assertThatThrownBy(() -> NerdGraphClient.builder(noKeys).build())
        .hasMessage("NerdGraphClient needs a user key (userKey, or NEW_RELIC_API_KEY)");
    assertThatThrownBy(() -> EventApiClient.builder(NewRelicConfig.builder().licenseKey("k").build()).build())
        .hasMessage("EventApiClient needs an account id (accountId, or NEW_RELIC_ACCOUNT_ID)");
  }

  @Test
  void badBuilderValues() {
    assertThatThrownBy(() -> NewRelicConfig.builder().accountId(0))
        .hasMessage("accountId must be a positive integer, was 0");
    assertThatThrownBy(() -> NewRelicConfig.builder().eventApiUrl(URI.create("ftp://x")))
        .hasMessage("eventApiUrl must be an absolute http(s) URL, was ftp://x");
    assertThatThrownBy(() -> NewRelicConfig.builder().userKey(" "))
        .hasMessage("userKey must not be blank");
  }
}
