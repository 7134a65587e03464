package dev.breakwater.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A dashboard that {@link FakeNewRelic} stored from a valid {@code dashboardCreate} or
 * {@code dashboardUpdate}. Immutable and thread-safe: {@link #input()} returns a copy.
 *
 * @param guid the entity guid: base64, without padding, of {@code "<accountId>|VIZ|DASHBOARD|<n>"}
 * @param accountId the account the dashboard was created in
 * @param name the dashboard's name
 * @param input the {@code DashboardInput} variable exactly as last sent
 */
public record StoredDashboard(String guid, long accountId, String name, JsonNode input) {

  /**
   * Copies the input so later changes to the caller's tree do not leak in.
   *
   * @param guid the {@link #guid()} component
   * @param accountId the {@link #accountId()} component
   * @param name the {@link #name()} component
   * @param input the {@link #input()} component
   * @throws NullPointerException if {@code guid}, {@code name} or {@code input} is null
   */
  public StoredDashboard {
    Objects.requireNonNull(guid, "guid");
    Objects.requireNonNull(name, "name");
    input = Objects.requireNonNull(input, "input").deepCopy();
  }

  /**
   * Returns the {@code DashboardInput} as last sent.
   *
   * @return a copy, free to modify
   */
  @Override
  public JsonNode input() {
    return input.deepCopy();
  }
}
