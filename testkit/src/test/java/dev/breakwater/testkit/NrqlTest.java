package dev.breakwater.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NrqlTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final long MINUTE = 60_000L;

  private final List<StoredEvent> events = new ArrayList<>();

  private void add(long ageMillis, Object... attributes) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("eventType", "CircuitBreakerMetric");
    map.put("timestamp", NOW - ageMillis);
    for (int i = 0; i < attributes.length; i += 2) {
      map.put((String) attributes[i], attributes[i + 1]);
    }
    events.add(new StoredEvent(map, NOW));
  }

  private List<Map<String, Object>> run(String query) throws NrqlSyntaxException {
    return Nrql.run(query, events, NOW);
  }

  private void threeBreakers() {
    add(3 * MINUTE, "breakerName", "inventory", "state", "CLOSED", "failureRate", 10.0, "calls", 4);
    add(2 * MINUTE, "breakerName", "inventory", "state", "OPEN", "failureRate", 60.0, "calls", 6);
    add(2 * MINUTE, "breakerName", "payments", "state", "CLOSED", "failureRate", 0.0, "calls", 1);
    add(1 * MINUTE, "breakerName", "search", "state", "HALF_OPEN", "failureRate", 20, "calls", 2);
  }

  @Test
  void countsEventsOfTheType() throws Exception {
    threeBreakers();
    events.add(new StoredEvent(Map.of("eventType", "Other"), NOW));

    assertThat(run("SELECT count(*) FROM CircuitBreakerMetric"))
        .containsExactly(Map.of("count", 4L));
  }

  @Test
  void computesEachAggregateUnderNewRelicsKeyNames() throws Exception {
    threeBreakers();

    assertThat(run("SELECT latest(state), average(failureRate), sum(calls), min(calls),"
        + " max(failureRate), uniqueCount(breakerName) FROM CircuitBreakerMetric"))
        .containsExactly(Map.of("latest.state", "HALF_OPEN", "average.failureRate", 22.5,
            "sum.calls", 13.0, "min.calls", 1.0, "max.failureRate", 60.0,
            "uniqueCount.breakerName", 3L));
  }

  @Test
  void aggregatesOverNothingAreZeroOrNull() throws Exception {
    Map<String, Object> row = run("SELECT count(*), sum(x), average(x), latest(x) FROM Nothing")
        .get(0);

    assertThat(row).containsEntry("count", 0L).containsEntry("sum.x", 0.0)
        .containsEntry("average.x", null).containsEntry("latest.x", null);
  }

  @Test
  void latestPicksTheNewestTimestampNotTheLastArrival() throws Exception {
    add(1 * MINUTE, "state", "OPEN");
    add(5 * MINUTE, "state", "CLOSED");

    assertThat(run("SELECT latest(state) FROM CircuitBreakerMetric").get(0))
        .containsEntry("latest.state", "OPEN");
  }

  @Test
  void aliasesReplaceTheKeyQuotedOrNot() throws Exception {
    threeBreakers();

    assertThat(run("SELECT count(*) AS 'Total calls', max(calls) as biggest"
        + " FROM CircuitBreakerMetric"))
        .containsExactly(Map.of("Total calls", 4L, "biggest", 6.0));
  }

  @Test
  void fromMayComeFirstAndKeywordsIgnoreCase() throws Exception {
    threeBreakers();

    assertThat(run("from CircuitBreakerMetric select COUNT(*) where breakerName = 'inventory'"
        + " since 1 HOUR ago")).containsExactly(Map.of("count", 2L));
  }

  @Test
  void whereMatchesStringsAndNumbersJoinedByAnd() throws Exception {
    threeBreakers();

    assertThat(run("SELECT count(*) FROM CircuitBreakerMetric WHERE state = 'CLOSED'"))
        .containsExactly(Map.of("count", 2L));
    assertThat(run("SELECT count(*) FROM CircuitBreakerMetric WHERE failureRate = 20"))
        .containsExactly(Map.of("count", 1L));
    assertThat(run("SELECT count(*) FROM CircuitBreakerMetric WHERE failureRate = 60.0"
        + " AND breakerName = 'inventory' AND state = 'OPEN'"))
        .containsExactly(Map.of("count", 1L));
    assertThat(run("SELECT count(*) FROM CircuitBreakerMetric WHERE state = 'closed'"))
        .containsExactly(Map.of("count", 0L));
  }

  @Test
  void whereStringsMayContainEscapedQuotes() throws Exception {
    add(0, "name", "it's");

    assertThat(run("SELECT count(*) FROM CircuitBreakerMetric WHERE name = 'it\\'s'"))
        .containsExactly(Map.of("count", 1L));
  }

  @Test
  void facetGroupsOrderedByTheFirstAggregateDescending() throws Exception {
    threeBreakers();

    List<Map<String, Object>> rows = run("SELECT sum(calls), count(*) FROM CircuitBreakerMetric"
        + " FACET breakerName");

    assertThat(rows).containsExactly(
        Map.of("facet", "inventory", "breakerName", "inventory", "sum.calls", 10.0, "count", 2L),
        Map.of("facet", "search", "breakerName", "search", "sum.calls", 2.0, "count", 1L),
        Map.of("facet", "payments", "breakerName", "payments", "sum.calls", 1.0, "count", 1L));
  }

  @Test
  void facetKeepsTenGroupsByDefaultAndLimitChangesThat() throws Exception {
    for (int i = 0; i < 12; i++) {
      for (int j = 0; j <= i; j++) {
        add(0, "breakerName", "b" + i);
      }
    }

    assertThat(run("SELECT count(*) FROM CircuitBreakerMetric FACET breakerName"))
        .hasSize(10).first().satisfies(r -> assertThat(r).containsEntry("facet", "b11"));
    assertThat(run("SELECT count(*) FROM CircuitBreakerMetric FACET breakerName LIMIT 2"))
        .extracting(r -> r.get("facet")).containsExactly("b11", "b10");
  }

  @Test
  void facetLeavesOutEventsWithoutTheAttribute() throws Exception {
    add(0, "breakerName", "a");
    add(0, "other", 1);

    assertThat(run("SELECT count(*) FROM CircuitBreakerMetric FACET breakerName"))
        .containsExactly(Map.of("facet", "a", "breakerName", "a", "count", 1L));
  }

  @Test
  void sinceDefaultsToOneHourAndFiltersOnTheTimestamp() throws Exception {
    add(59 * MINUTE);
    add(61 * MINUTE);
    add(25 * MINUTE);

    assertThat(run("SELECT count(*) FROM CircuitBreakerMetric")).containsExactly(
        Map.of("count", 2L));
    assertThat(run("SELECT count(*) FROM CircuitBreakerMetric SINCE 30 minutes ago"))
        .containsExactly(Map.of("count", 1L));
    assertThat(run("SELECT count(*) FROM CircuitBreakerMetric SINCE 2 hours ago"))
        .containsExactly(Map.of("count", 3L));
    assertThat(run("SELECT count(*) FROM CircuitBreakerMetric SINCE 1 day ago"))
        .containsExactly(Map.of("count", 3L));
    assertThat(run("SELECT count(*) FROM CircuitBreakerMetric SINCE 90 seconds ago"))
        .containsExactly(Map.of("count", 0L));
  }

  @Test
  void eventsWithoutTimestampUseTheirArrivalTimeAndSecondsAreUnderstood() throws Exception {
    events.add(new StoredEvent(Map.of("eventType", "T"), NOW - 10 * MINUTE));
    events.add(new StoredEvent(Map.of("eventType", "T", "timestamp", (NOW - 2 * MINUTE) / 1000),
        NOW));

    assertThat(run("SELECT count(*) FROM T SINCE 5 minutes ago"))
        .containsExactly(Map.of("count", 1L));
    assertThat(run("SELECT count(*) FROM T SINCE 11 minutes ago"))
        .containsExactly(Map.of("count", 2L));
  }

  @Test
  void timeseriesBucketsFromTheSinceBoundDefaultingToOneMinute() throws Exception {
    add(170_000);
    add(100_000);
    add(90_000);
    add(0);

    List<Map<String, Object>> rows = run("SELECT count(*) FROM CircuitBreakerMetric"
        + " SINCE 3 minutes ago TIMESERIES");

    long begin = (NOW - 3 * MINUTE) / 1000;
    assertThat(rows).containsExactly(
        Map.of("beginTimeSeconds", begin, "endTimeSeconds", begin + 60, "count", 1L),
        Map.of("beginTimeSeconds", begin + 60, "endTimeSeconds", begin + 120, "count", 2L),
        Map.of("beginTimeSeconds", begin + 120, "endTimeSeconds", begin + 180, "count", 1L));
  }

  @Test
  void timeseriesTakesABucketSize() throws Exception {
    add(0);

    assertThat(run("SELECT count(*) FROM CircuitBreakerMetric SINCE 1 hour ago"
        + " TIMESERIES 10 minutes")).hasSize(6).last()
        .satisfies(r -> assertThat(r).containsEntry("count", 1L));
  }

  @Test
  void timeseriesWithFacetGivesOneRowPerFacetPerBucket() throws Exception {
    threeBreakers();

    List<Map<String, Object>> rows = run("SELECT count(*) FROM CircuitBreakerMetric"
        + " FACET breakerName SINCE 4 minutes ago TIMESERIES 2 minutes");

    assertThat(rows).extracting(r -> r.get("facet") + "@" + r.get("beginTimeSeconds") + "="
        + r.get("count")).containsExactly(
            "inventory@" + (NOW / 1000 - 240) + "=1", "inventory@" + (NOW / 1000 - 120) + "=1",
            "payments@" + (NOW / 1000 - 240) + "=0", "payments@" + (NOW / 1000 - 120) + "=1",
            "search@" + (NOW / 1000 - 240) + "=0", "search@" + (NOW / 1000 - 120) + "=1");
  }

  @Test
  void backtickedNamesMayBeKeywords() throws Exception {
    add(0, "limit", 3);

    assertThat(run("SELECT sum(`limit`) FROM CircuitBreakerMetric"))
        .containsExactly(Map.of("sum.limit", 3.0));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "SELECT count(*)",
      "SELEC count(*) FROM T",
      "SELECT count(x) FROM T",
      "SELECT percentile(x, 95) FROM T",
      "SELECT count(*) FROM T WHERE x > 1",
      "SELECT state, count(*) FROM T",
      "SELECT count(*), state FROM T",
      "SELECT state FROM T FACET host",
      "SELECT * FROM T TIMESERIES",
      "SELECT percentage(count(*), state = 'OPEN') FROM T",
      "SELECT percentage(sum(x), WHERE state = 'OPEN') FROM T",
      "SELECT count(*) FROM T WHERE x IN ()",
      "SELECT count(*) FROM T WHERE x IN ('a' 'b')",
      "SELECT count(*) FROM T FACET a, b, c, d, e, f",
      "SELECT count(*) FROM T WHERE x = y",
      "SELECT count(*) FROM T WHERE x = 'a' OR y = 'b'",
      "SELECT count(*) FROM T SINCE 5 weeks ago",
      "SELECT count(*) FROM T SINCE 0 minutes ago",
      "SELECT count(*) FROM T SINCE 5 minutes",
      "SELECT count(*) FROM T LIMIT MAX",
      "SELECT count(*) FROM T FACET",
      "SELECT count(*) FROM T FROM U",
      "SELECT count(*) FROM T WHERE x = 'unterminated",
      "SELECT count(*) FROM T SINCE 1 day ago TIMESERIES 1 second",
      "SELECT count(*) FROM T; DROP"})
  void rejectsWhatItCannotParse(String query) {
    assertThatThrownBy(() -> run(query)).isInstanceOf(NrqlSyntaxException.class)
        .hasMessageStartingWith("Error at line 1 position ");
  }

  @Test
  void syntaxErrorsPointAtTheOffendingToken() {
    assertThatThrownBy(() -> run("SELECT count(*)\nFORM T"))
        .hasMessage("Error at line 2 position 1, unexpected 'FORM'");
  }

  @Test
  void facetOnSeveralAttributesGroupsByTheirCombination() throws Exception {
    add(2 * MINUTE, "breakerName", "inventory", "host", "h1", "state", "OPEN");
    add(1 * MINUTE, "breakerName", "inventory", "host", "h1", "state", "CLOSED");
    add(1 * MINUTE, "breakerName", "inventory", "host", "h2", "state", "OPEN");
    add(1 * MINUTE, "breakerName", "payments", "state", "OPEN");

    assertThat(run("SELECT latest(state) FROM CircuitBreakerMetric FACET breakerName, host"))
        .containsExactly(
            row("facet", List.of("inventory", "h2"), "breakerName", "inventory", "host", "h2",
                "latest.state", "OPEN"),
            row("facet", List.of("inventory", "h1"), "breakerName", "inventory", "host", "h1",
                "latest.state", "CLOSED"));
  }

  @Test
  void whereInMatchesAnyOfItsValues() throws Exception {
    threeBreakers();

    assertThat(run("SELECT uniqueCount(breakerName) FROM CircuitBreakerMetric"
        + " WHERE state IN ('OPEN', 'HALF_OPEN') AND calls IN (2, 6)"))
        .containsExactly(Map.of("uniqueCount.breakerName", 2L));
  }

  @Test
  void percentageIsTheShareOfEventsMatchingItsWhere() throws Exception {
    threeBreakers();

    assertThat(run("SELECT percentage(count(*), WHERE state IN ('OPEN', 'HALF_OPEN'))"
        + " FROM CircuitBreakerMetric")).containsExactly(Map.of("percentage", 50.0));
    assertThat(run("SELECT percentage(count(*), WHERE state = 'OPEN') AS 'open'"
        + " FROM CircuitBreakerMetric WHERE breakerName = 'nothing'"))
        .containsExactly(row("open", null));
  }

  @Test
  void selectingAttributesListsEventsNewestFirstWithTheirTimestamp() throws Exception {
    threeBreakers();

    assertThat(run("SELECT breakerName, state FROM CircuitBreakerMetric LIMIT 2"))
        .containsExactly(
            row("timestamp", NOW - MINUTE, "breakerName", "search", "state", "HALF_OPEN"),
            row("timestamp", NOW - 2 * MINUTE, "breakerName", "payments", "state", "CLOSED"));
    assertThat(run("SELECT * FROM CircuitBreakerMetric WHERE breakerName = 'search'"))
        .containsExactly(row("timestamp", NOW - MINUTE, "eventType", "CircuitBreakerMetric",
            "breakerName", "search", "state", "HALF_OPEN", "failureRate", 20, "calls", 2));
  }

  private static Map<String, Object> row(Object... keysAndValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      row.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return row;
  }
}
