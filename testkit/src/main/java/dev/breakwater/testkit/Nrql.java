package dev.breakwater.testkit;

import dev.breakwater.testkit.NrqlQuery.Aggregate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the fake's NRQL subset over stored events and returns result rows shaped as NerdGraph
 * returns them. Stateless and thread-safe.
 *
 * <p>Time: an event's time is its {@code timestamp} attribute (epoch ms, or seconds if small),
 * else when it arrived. {@code SINCE n unit AGO} (default 1 hour) keeps events in
 * [now - n unit, now]. TIMESERIES buckets start at that lower bound; the last one may extend past
 * now. Events without one of the FACET attributes are left out of faceted results. A query that
 * selects attributes returns events, newest first.
 */
final class Nrql {
  /** New Relic's cap on TIMESERIES buckets per query. */
  static final int MAX_BUCKETS = 366;

  private Nrql() {}

  /**
   * Parses and runs {@code query}.
   *
   * @param events every stored event, in arrival order
   * @param nowMillis the fake's wall-clock time
   * @return the result rows
   * @throws NrqlSyntaxException if the query is outside the subset
   */
  static List<Map<String, Object>> run(String query, List<StoredEvent> events, long nowMillis)
      throws NrqlSyntaxException {
    NrqlQuery q = NrqlParser.parse(query);
    long start = nowMillis - q.sinceMillis();
    long buckets = q.bucketMillis() == 0 ? 0 : (q.sinceMillis() + q.bucketMillis() - 1)
        / q.bucketMillis();
    if (buckets > MAX_BUCKETS) {
      throw new NrqlSyntaxException(query, query.length(), "TIMESERIES would make " + buckets
          + " buckets; at most " + MAX_BUCKETS + " are allowed");
    }
    List<StoredEvent> matching = events.stream()
        .filter(e -> e.eventType().equals(q.from()))
        .filter(e -> e.timeMillis() >= start && e.timeMillis() <= nowMillis)
        .filter(e -> q.where().stream().allMatch(c -> c.test(e.attributes())))
        .toList();
    if (q.raw()) {
      return eventRows(q, matching);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    if (q.facets().isEmpty()) {
      rows.addAll(series(q, matching, start, (int) buckets, Map.of()));
      return rows;
    }
    for (Map.Entry<List<Object>, List<StoredEvent>> facet : topFacets(q, matching)) {
      Map<String, Object> facetColumns = new LinkedHashMap<>();
      List<Object> values = facet.getKey();
      facetColumns.put("facet", values.size() == 1 ? values.get(0) : values);
      for (int i = 0; i < values.size(); i++) {
        facetColumns.put(q.facets().get(i), values.get(i));
      }
      rows.addAll(series(q, facet.getValue(), start, (int) buckets, facetColumns));
    }
    return rows;
  }

  /**
   * The rows of a query that selects attributes: one per event, newest first, with its
   * {@code timestamp} and the selected attributes (all of them for {@code *}).
   */
  private static List<Map<String, Object>> eventRows(NrqlQuery q, List<StoredEvent> matching) {
    List<StoredEvent> newestFirst = new ArrayList<>(matching);
    Collections.reverse(newestFirst); // ties keep the latest arrival first
    newestFirst.sort(Comparator.comparingLong(StoredEvent::timeMillis).reversed());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (StoredEvent e : newestFirst.subList(0, Math.min(q.limit(), newestFirst.size()))) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("timestamp", e.timeMillis());
      if (q.attributes().contains("*")) {
        e.attributes().forEach((k, v) -> {
          if (!k.equals("timestamp")) {
            row.put(k, v);
          }
        });
      } else {
        q.attributes().forEach(a -> row.put(a, e.attributes().get(a)));
      }
      rows.add(row);
    }
    return rows;
  }

  /** Returns one row, or one row per bucket with TIMESERIES. */
  private static List<Map<String, Object>> series(NrqlQuery q, List<StoredEvent> events,
      long start, int buckets, Map<String, Object> facetColumns) {
    if (buckets == 0) {
      Map<String, Object> row = new LinkedHashMap<>(facetColumns);
      row.putAll(aggregates(q, events));
      return List.of(row);
    }
    List<List<StoredEvent>> byBucket = new ArrayList<>();
    for (int i = 0; i < buckets; i++) {
      byBucket.add(new ArrayList<>());
    }
    for (StoredEvent e : events) {
      int index = (int) Math.min((e.timeMillis() - start) / q.bucketMillis(), buckets - 1);
      byBucket.get(index).add(e);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < buckets; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("beginTimeSeconds", (start + i * q.bucketMillis()) / 1000);
      row.put("endTimeSeconds", (start + (i + 1) * q.bucketMillis()) / 1000);
      row.putAll(facetColumns);
      row.putAll(aggregates(q, byBucket.get(i)));
      rows.add(row);
    }
    return rows;
  }

  private static Map<String, Object> aggregates(NrqlQuery q, List<StoredEvent> events) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Aggregate a : q.select()) {
      values.put(a.key(), a.compute(events));
    }
    return values;
  }

  /**
   * Groups by the facet values, ordered by the first aggregate descending, at most LIMIT. Events
   * without one of the attributes are left out.
   */
  private static List<Map.Entry<List<Object>, List<StoredEvent>>> topFacets(NrqlQuery q,
      List<StoredEvent> events) {
    Map<List<Object>, List<StoredEvent>> groups = new LinkedHashMap<>();
    for (StoredEvent e : events) {
      facetValues(q.facets(), e).ifPresent(key ->
          groups.computeIfAbsent(key, v -> new ArrayList<>()).add(e));
    }
    Aggregate first = q.select().get(0);
    Comparator<Object> descending = Comparator.nullsLast(Nrql::compareDescending);
    return groups.entrySet().stream()
        .sorted(Comparator.comparing(g -> first.compute(g.getValue()), descending))
        .limit(q.limit())
        .toList();
  }

  /** The event's values of the FACET attributes, in order; empty if it lacks one. */
  static Optional<List<Object>> facetValues(List<String> facets, StoredEvent e) {
    List<Object> values = new ArrayList<>(facets.size());
    for (String facet : facets) {
      Object value = e.attributes().get(facet);
      if (value == null) {
        return Optional.empty();
      }
      values.add(value);
    }
    return Optional.of(List.copyOf(values));
  }

  private static int compareDescending(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(y.doubleValue(), x.doubleValue());
    }
    return String.valueOf(b).compareTo(String.valueOf(a));
  }
}
