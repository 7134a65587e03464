package dev.breakwater.testkit;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed query of the fake's NRQL subset. Immutable and thread-safe.
 *
 * @param from the event type
 * @param select the aggregates, in SELECT order; empty when the query selects attributes
 * @param attributes the attributes a non-aggregate query selects ({@code *} for all); empty
 *     when it selects aggregates
 * @param where equality and IN conditions that must all hold
 * @param facets the attributes to group by, in FACET order; empty without FACET
 * @param sinceMillis how far back from now events count
 * @param bucketMillis the TIMESERIES bucket size, or 0 without TIMESERIES
 * @param limit the most facets, or events of a non-aggregate query, returned
 * @param clauses the clauses given after the SELECT list, lower case ({@code since},
 *     {@code limit}, {@code timeseries}, ...), so that alert conditions can refuse some
 */
record NrqlQuery(String from, List<Aggregate> select, List<String> attributes,
    List<Condition> where, List<String> facets, long sinceMillis, long bucketMillis, int limit,
    Set<String> clauses) {

  /** Whether the query selects attributes of single events instead of aggregates. */
  boolean raw() {
    return !attributes.isEmpty();
  }

  /** The aggregate functions, with the name New Relic gives their result. */
  enum Function {
    COUNT("count"), LATEST("latest"), AVERAGE("average"), SUM("sum"), MIN("min"), MAX("max"),
    UNIQUE_COUNT("uniqueCount"), PERCENTAGE("percentage");

    final String nrqlName;

    Function(String nrqlName) {
      this.nrqlName = nrqlName;
    }
  }

  /**
   * One aggregate of the SELECT list.
   *
   * @param attribute the argument, or null for {@code count(*)} and {@code percentage}
   * @param filter the WHERE conditions of {@code percentage(count(*), WHERE ...)}; empty otherwise
   * @param alias the {@code AS} name, or null
   */
  record Aggregate(Function function, String attribute, List<Condition> filter, String alias) {

    /** Returns the result row key: the alias, {@code count}, or e.g. {@code average.duration}. */
    String key() {
      if (alias != null) {
        return alias;
      }
      return attribute == null ? function.nrqlName : function.nrqlName + "." + attribute;
    }

    /** Computes the aggregate over {@code events}, which are in arrival order. */
    Object compute(List<StoredEvent> events) {
      switch (function) {
        case COUNT:
          return (long) events.size();
        case LATEST:
          return latest(events);
        case UNIQUE_COUNT:
          Set<Object> distinct = new HashSet<>();
          events.stream().map(e -> e.attribute(attribute)).filter(Objects::nonNull)
              .forEach(distinct::add);
          return (long) distinct.size();
        case PERCENTAGE:
          if (events.isEmpty()) {
            return null;
          }
          long matching = events.stream()
              .filter(e -> filter.stream().allMatch(c -> c.test(e.attributes()))).count();
          return matching * 100.0 / events.size();
        default:
          return numeric(events);
      }
    }

    private Object latest(List<StoredEvent> events) {
      Object value = null;
      long time = Long.MIN_VALUE;
      for (StoredEvent e : events) {
        Object v = e.attribute(attribute);
        if (v != null && e.timeMillis() >= time) {
          value = v;
          time = e.timeMillis();
        }
      }
      return value;
    }

    private Double numeric(List<StoredEvent> events) {
      double[] values = events.stream().map(e -> e.attribute(attribute))
          .filter(Number.class::isInstance).mapToDouble(v -> ((Number) v).doubleValue())
          .toArray();
      if (values.length == 0) {
        return function == Function.SUM ? 0.0 : null;
      }
      double result = function == Function.MIN ? Double.POSITIVE_INFINITY
          : function == Function.MAX ? Double.NEGATIVE_INFINITY : 0.0;
      for (double v : values) {
        result = switch (function) {
          case MIN -> Math.min(result, v);
          case MAX -> Math.max(result, v);
          default -> result + v;
        };
      }
      return function == Function.AVERAGE ? result / values.length : result;
    }
  }

  /**
   * {@code attribute = value} (one value) or {@code attribute IN (values)}, where each value is
   * a String or a BigDecimal.
   */
  record Condition(String attribute, List<Object> values) {
    boolean test(Map<String, Object> event) {
      Object actual = event.get(attribute);
      for (Object value : values) {
        if (value instanceof BigDecimal expected) {
          if (actual instanceof Number n && new BigDecimal(n.toString()).compareTo(expected) == 0) {
            return true;
          }
        } else if (value.equals(actual)) {
          return true;
        }
      }
      return false;
    }
  }
}
