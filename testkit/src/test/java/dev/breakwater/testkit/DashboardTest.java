package dev.breakwater.testkit;

import static dev.breakwater.testkit.Http.json;
import static dev.breakwater.testkit.Http.post;
import static dev.breakwater.testkit.NerdGraphTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DashboardTest {
  private static final String CREATE = "mutation($accountId: Int!, $dashboard: DashboardInput!) {"
      + " dashboardCreate(accountId: $accountId, dashboard: $dashboard) {"
      + " entityResult { guid name accountId } errors { description type } } }";
  private static final String UPDATE = "mutation($guid: EntityGuid!, $dashboard: DashboardInput!) {"
      + " dashboardUpdate(guid: $guid, dashboard: $dashboard) {"
      + " entityResult { guid name } errors { description type } } }";
  private static final String SEARCH = "query($query: String!, $cursor: String) { actor {"
      + " entitySearch(query: $query) { count query results(cursor: $cursor) { nextCursor"
      + " entities { guid name accountId ... on DashboardEntityOutline { dashboardParentGuid"
      + " permissions } } } } } }";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final FakeNewRelic fake = FakeNewRelic.start();

  @AfterEach
  void close() {
    fake.close();
  }

  static ObjectNode dashboard(String name, String... pages) {
    ObjectNode d = MAPPER.createObjectNode().put("name", name)
        .put("permissions", "PUBLIC_READ_WRITE");
    for (String page : pages) {
      ObjectNode widget = d.withArray("pages").addObject().put("name", page)
          .putArray("widgets").addObject().put("title", "Open circuits");
      widget.putObject("visualization").put("id", "viz.billboard");
      widget.putObject("layout").put("column", 1).put("row", 1).put("width", 4).put("height", 3);
      widget.putObject("rawConfiguration").putArray("nrqlQueries").addObject()
          .put("query", "SELECT count(*) FROM CircuitBreakerMetric WHERE state = 'OPEN'")
          .putArray("accountIds").add(1234567);
    }
    return d;
  }

  private JsonNode call(String query, Object... variables) throws Exception {
    return json(post(fake.nerdGraphUrl(), "/graphql", request(query, variables),
        "API-Key", fake.userKey()));
  }

  private JsonNode create(ObjectNode dashboard) throws Exception {
    return call(CREATE, "accountId", fake.accountId(), "dashboard", dashboard);
  }

  private JsonNode search(String query) throws Exception {
    return call(SEARCH, "query", query).at("/data/actor/entitySearch");
  }

  @Test
  void createStoresTheDashboardUnderANewRelicStyleGuid() throws Exception {
    JsonNode result = create(dashboard("Circuit Breaker Health", "Overview"))
        .at("/data/dashboardCreate");

    String guid = result.at("/entityResult/guid").asText();
    assertThat(new String(Base64.getDecoder().decode(guid), StandardCharsets.UTF_8))
        .matches("1234567\\|VIZ\\|DASHBOARD\\|\\d+");
    assertThat(guid).doesNotEndWith("=");
    assertThat(result.at("/entityResult/name").asText()).isEqualTo("Circuit Breaker Health");
    assertThat(result.at("/entityResult/accountId").asLong()).isEqualTo(1234567);
    assertThat(result.get("errors")).isEmpty();
    assertThat(fake.dashboards()).singleElement().satisfies(d -> {
      assertThat(d.guid()).isEqualTo(guid);
      assertThat(d.accountId()).isEqualTo(1234567);
      assertThat(d.input()).isEqualTo(dashboard("Circuit Breaker Health", "Overview"));
    });
  }

  static Stream<Arguments> invalidDashboards() {
    return Stream.of(
        invalid("empty name", d -> d.put("name", ""), "dashboard.name"),
        invalid("long name", d -> d.put("name", "n".repeat(256)), "dashboard.name"),
        invalid("bad permissions", d -> d.put("permissions", "EVERYONE"), "dashboard.permissions"),
        invalid("no pages", d -> d.remove("pages"), "dashboard.pages"),
        invalid("21 pages", d -> {
          for (int i = 0; i < 20; i++) {
            d.withArray("pages").add(d.withArray("pages").get(0).deepCopy());
          }
        }, "dashboard.pages"),
        invalid("page without name", d -> page(d).remove("name"), "dashboard.pages[0].name"),
        invalid("101 widgets", d -> {
          for (int i = 0; i < 100; i++) {
            page(d).withArray("widgets").add(widget(d).deepCopy());
          }
        }, "dashboard.pages[0].widgets"),
        invalid("long title", d -> widget(d).put("title", "t".repeat(256)),
            "dashboard.pages[0].widgets[0].title"),
        invalid("no visualization", d -> widget(d).remove("visualization"),
            "dashboard.pages[0].widgets[0].visualization.id"),
        invalid("column 13", d -> layout(d).put("column", 13),
            "dashboard.pages[0].widgets[0].layout.column"),
        invalid("row 0", d -> layout(d).put("row", 0), "dashboard.pages[0].widgets[0].layout.row"),
        invalid("width 0", d -> layout(d).put("width", 0),
            "dashboard.pages[0].widgets[0].layout.width"),
        invalid("height 13", d -> layout(d).put("height", 13),
            "dashboard.pages[0].widgets[0].layout.height"),
        invalid("no queries", d -> widget(d).remove("rawConfiguration"),
            "dashboard.pages[0].widgets[0].rawConfiguration.nrqlQueries"),
        invalid("21 queries", d -> {
          for (int i = 0; i < 20; i++) {
            queries(d).add(queries(d).get(0).deepCopy());
          }
        }, "dashboard.pages[0].widgets[0].rawConfiguration.nrqlQueries"),
        invalid("query without account", d -> ((ObjectNode) queries(d).get(0)).remove("accountIds"),
            "nrqlQueries[0] must have accountIds"),
        invalid("string account ids", d -> ((ObjectNode) queries(d).get(0)).putArray("accountIds")
            .add("1234567"), "nrqlQueries[0] must have accountIds"),
        invalid("blank query", d -> ((ObjectNode) queries(d).get(0)).put("query", " "),
            "nrqlQueries[0].query"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidDashboards")
  void createRefusesInvalidInputNamingTheField(String why, ObjectNode dashboard, String field)
      throws Exception {
    JsonNode result = create(dashboard).at("/data/dashboardCreate");

    assertThat(result.get("entityResult").isNull()).isTrue();
    assertThat(result.at("/errors/0/description").asText()).contains(field);
    assertThat(result.at("/errors/0/type").asText()).isEqualTo("INVALID_INPUT");
    assertThat(fake.dashboards()).isEmpty();
  }

  @Test
  void createAcceptsTheSingularAccountIdAndMarkdownWithoutQueries() throws Exception {
    ObjectNode d = dashboard("Mixed", "Page");
    ObjectNode query = (ObjectNode) queries(d).get(0);
    query.remove("accountIds");
    query.put("accountId", 1234567);
    ObjectNode markdown = page(d).withArray("widgets").addObject().put("title", "Notes");
    markdown.putObject("visualization").put("id", "viz.markdown");
    markdown.putObject("rawConfiguration").put("text", "# Breakwater");

    assertThat(create(d).at("/data/dashboardCreate/errors")).isEmpty();
  }

  @Test
  void createInAnotherAccountIsAGraphQlError() throws Exception {
    JsonNode body = call(CREATE, "accountId", 42, "dashboard", dashboard("X", "P"));

    assertThat(body.at("/data/dashboardCreate").isNull()).isTrue();
    assertThat(body.at("/errors/0/path/0").asText()).isEqualTo("dashboardCreate");
    assertThat(body.at("/errors/0/extensions/errorClass").asText()).isEqualTo("FORBIDDEN");
    assertThat(fake.dashboards()).isEmpty();
  }

  @Test
  void updateReplacesTheStoredDashboardKeepingItsGuid() throws Exception {
    String guid = create(dashboard("Old", "P")).at("/data/dashboardCreate/entityResult/guid")
        .asText();

    JsonNode result = call(UPDATE, "guid", guid, "dashboard", dashboard("New", "P1", "P2"))
        .at("/data/dashboardUpdate");

    assertThat(result.at("/entityResult/guid").asText()).isEqualTo(guid);
    assertThat(result.at("/entityResult/name").asText()).isEqualTo("New");
    assertThat(result.get("errors")).isEmpty();
    assertThat(fake.dashboards()).singleElement().satisfies(d -> {
      assertThat(d.name()).isEqualTo("New");
      assertThat(d.input().get("pages")).hasSize(2);
    });
  }

  @Test
  void updateOfAnUnknownGuidOrWithInvalidInputIsAnError() throws Exception {
    JsonNode unknown = call(UPDATE, "guid", "bm90LWEtZ3VpZA", "dashboard", dashboard("X", "P"))
        .at("/data/dashboardUpdate");
    String guid = create(dashboard("Old", "P")).at("/data/dashboardCreate/entityResult/guid")
        .asText();
    JsonNode invalid = call(UPDATE, "guid", guid, "dashboard", dashboard("", "P"))
        .at("/data/dashboardUpdate");

    assertThat(unknown.get("entityResult").isNull()).isTrue();
    assertThat(unknown.at("/errors/0/description").asText())
        .isEqualTo("dashboard bm90LWEtZ3VpZA not found");
    assertThat(unknown.at("/errors/0/type").asText()).isEqualTo("INVALID_INPUT");
    assertThat(invalid.at("/errors/0/description").asText()).contains("dashboard.name");
    assertThat(fake.dashboards()).singleElement()
        .satisfies(d -> assertThat(d.name()).isEqualTo("Old"));
  }

  @Test
  void searchFindsDashboardsByExactNameAndAccount() throws Exception {
    String guid = create(dashboard("Circuit Breaker Health", "Overview"))
        .at("/data/dashboardCreate/entityResult/guid").asText();
    create(dashboard("Circuit Breaker Health (old)", "Overview"));

    String query = "type = 'DASHBOARD' AND name = 'Circuit Breaker Health' AND accountId = 1234567";
    JsonNode found = search(query);

    assertThat(found.get("count").asInt()).isEqualTo(1);
    assertThat(found.get("query").asText()).isEqualTo(query);
    assertThat(found.at("/results/nextCursor").isNull()).isTrue();
    JsonNode entity = found.at("/results/entities/0");
    assertThat(entity.get("guid").asText()).isEqualTo(guid);
    assertThat(entity.get("name").asText()).isEqualTo("Circuit Breaker Health");
    assertThat(entity.get("accountId").asLong()).isEqualTo(1234567);
    assertThat(entity.get("dashboardParentGuid").isNull()).isTrue();
    assertThat(entity.get("permissions").asText()).isEqualTo("PUBLIC_READ_WRITE");
    assertThat(search("type = 'DASHBOARD' AND name = 'Circuit Breaker Health' AND accountId = 1")
        .get("count").asInt()).isZero();
  }

  @Test
  void searchAlsoReturnsPageEntitiesOfMultiPageDashboards() throws Exception {
    String guid = create(dashboard("Health", "Overview", "Details"))
        .at("/data/dashboardCreate/entityResult/guid").asText();

    JsonNode all = search("type = 'DASHBOARD'");
    JsonNode page = search("type='DASHBOARD' and name='Health / Details'");

    assertThat(all.get("count").asInt()).isEqualTo(3);
    assertThat(all.at("/results/entities")).extracting(e -> e.get("name").asText())
        .containsExactly("Health", "Health / Overview", "Health / Details");
    assertThat(search("type = 'DASHBOARD' AND name = 'Health'").get("count").asInt()).isEqualTo(1);
    assertThat(page.at("/results/entities/0/dashboardParentGuid").asText()).isEqualTo(guid);
    assertThat(page.at("/results/entities/0/guid").asText()).isNotEqualTo(guid);
  }

  @Test
  void searchUnderstandsEscapedQuotesInTheName() throws Exception {
    create(dashboard("Ops' view", "P"));

    assertThat(search("name = 'Ops\\' view' AND type = 'DASHBOARD'").get("count").asInt())
        .isEqualTo(1);
  }

  @Test
  void searchOfAnotherShapeIsAGraphQlError() throws Exception {
    JsonNode body = call(SEARCH, "query", "type = 'APPLICATION' AND name LIKE 'x%'");

    assertThat(body.at("/errors/0/message").asText()).contains("type = 'DASHBOARD'");
    assertThat(body.at("/errors/0/extensions/errorClass").asText()).isEqualTo("VALIDATION_ERROR");
  }

  private static Arguments invalid(String why, Consumer<ObjectNode> change, String field) {
    ObjectNode d = dashboard("Valid", "Page");
    change.accept(d);
    return Arguments.of(why, d, field);
  }

  private static ObjectNode page(ObjectNode d) {
    return (ObjectNode) d.get("pages").get(0);
  }

  private static ObjectNode widget(ObjectNode d) {
    return (ObjectNode) page(d).get("widgets").get(0);
  }

  private static ObjectNode layout(ObjectNode d) {
    return (ObjectNode) widget(d).get("layout");
  }

  private static ArrayNode queries(ObjectNode d) {
    return (ArrayNode) widget(d).get("rawConfiguration")
        .get("nrqlQueries");
  }
}
