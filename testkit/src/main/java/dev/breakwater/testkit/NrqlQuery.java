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
 * @param select the aggregates, in SELECT order
 * @param where equality conditions that must all hold
 * @param facet the attribute to group by, or null
 * @param sinceMillis how far back from now events count
 * @param bucketMillis the TIMESERIES bucket size, or 0 without TIMESERIES
 * @param limit the most facets returned
 */
record NrqlQuery(String from, List<Aggregate> select, List<Condition> where, String facet,
    long sinceMillis, long bucketMillis, int limit) {

  /** The aggregate functions, with the name New Relic gives their result. */
  enum Function {
    COUNT("count"), LATEST("latest"), AVERAGE("average"), SUM("sum"), MIN("min"), MAX("max"),
    UNIQUE_COUNT("uniqueCount");

    final String nrqlName;

    Function(String nrqlName) {
      this.nrqlName = nrqlName;
    }
  }

  /**
   * One aggregate of the SELECT list.
   *
   * @param attribute the argument, or null for {@code count(*)}
   * @param alias the {@code AS} name, or null
   */
  record Aggregate(Function function, String attribute, String alias) {

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
          events.stream().map(e -> e.attributes().get(attribute)).filter(Objects::nonNull)
              .forEach(distinct::add);
          return (long) distinct.size();
        default:
          return numeric(events);
      }
    }

    private Object latest(List<StoredEvent> events) {
      Object value = null;
      long time = Long.MIN_VALUE;
      for (StoredEvent e : events) {
        Object v = e.attributes().get(attribute);
        if (v != null && e.timeMillis() >= time) {
          value = v;
          time = e.timeMillis();
        }
      }
      return value;
    }

    private Double numeric(List<StoredEvent> events) {
      double[] values = events.stream().map(e -> e.attributes().get(attribute))
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
   * {@code attribute = value}, where value is a String or a BigDecimal.
   */
  record Condition(String attribute, Object value) {
    boolean test(Map<String, Object> event) {
      Object actual = event.get(attribute);
      if (value instanceof BigDecimal expected) {
        return actual instanceof Number n && new BigDecimal(n.toString()).compareTo(expected) == 0;
      }
      return value.equals(actual);
    }
  }
}
