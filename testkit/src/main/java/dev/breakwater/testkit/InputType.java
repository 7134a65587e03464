package dev.breakwater.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A GraphQL input type: a scalar, an enum, an input object or a list, enough to check a
 * variable's value as NerdGraph's schema does (unknown fields, missing required fields, wrong
 * scalar types, enum values outside the type). Immutable and thread-safe once built; input
 * objects are built with {@link #field} before they are shared.
 */
final class InputType {
  static final InputType INT = scalar("Int", n -> n.isIntegralNumber() && n.canConvertToInt());
  static final InputType FLOAT = scalar("Float", JsonNode::isNumber);
  static final InputType STRING = scalar("String", JsonNode::isTextual);
  static final InputType BOOLEAN = scalar("Boolean", JsonNode::isBoolean);
  static final InputType ID = scalar("ID", n -> n.isTextual() || n.isIntegralNumber());
  /** NerdGraph's custom scalar for durations: a whole number of seconds. */
  static final InputType SECONDS = scalar("Seconds",
      n -> n.isIntegralNumber() && n.canConvertToInt());

  private enum Kind { SCALAR, ENUM, OBJECT, LIST }

  private final String name;
  private final Kind kind;
  private final Predicate<JsonNode> accepts;
  private final List<String> values;
  private final Map<String, Field> fields = new LinkedHashMap<>();
  private final InputType element;

  private record Field(InputType type, boolean required) {}

  private InputType(String name, Kind kind, Predicate<JsonNode> accepts, List<String> values,
      InputType element) {
    this.name = name;
    this.kind = kind;
    this.accepts = accepts;
    this.values = values;
    this.element = element;
  }

  static InputType scalar(String name, Predicate<JsonNode> accepts) {
    return new InputType(name, Kind.SCALAR, accepts, List.of(), null);
  }

  static InputType enumeration(String name, String... values) {
    return new InputType(name, Kind.ENUM, n -> n.isTextual() && Set.of(values).contains(n.asText()),
        List.of(values), null);
  }

  static InputType object(String name) {
    return new InputType(name, Kind.OBJECT, JsonNode::isObject, List.of(), null);
  }

  static InputType list(InputType element) {
    // GraphQL coerces a single value into a list of one, as the docs' examples rely on.
    return new InputType("[" + element.name + "!]", Kind.LIST, n -> true, List.of(), element);
  }

  /** Adds a field to an input object; {@code required} fields are non-null ({@code Type!}). */
  InputType field(String field, InputType type, boolean required) {
    fields.put(field, new Field(type, required));
    return this;
  }

  /** The type as a variable declares it: {@code Name} or {@code Name!}. */
  String signature(boolean required) {
    return name + (required ? "!" : "");
  }

  /**
   * Adds a sentence per problem of {@code value} to {@code problems}, each naming the field's
   * path, as in {@code terms[0].operator: expected AlertsNrqlConditionTermsOperator (ABOVE, ...),
   * found "ABOV"}.
   */
  void check(JsonNode value, String path, List<String> problems) {
    if (!accepts.test(value)) {
      problems.add(path + ": expected " + describe() + ", found " + value);
      return;
    }
    if (kind == Kind.LIST && !value.isArray()) {
      element.check(value, path, problems);
    } else if (kind == Kind.LIST) {
      for (int i = 0; i < value.size(); i++) {
        JsonNode item = value.get(i);
        if (item.isNull()) {
          problems.add(path + "[" + i + "]: expected non-null " + element.name + ", found null");
        } else {
          element.check(item, path + "[" + i + "]", problems);
        }
      }
    } else if (kind == Kind.OBJECT) {
      value.fieldNames().forEachRemaining(f -> {
        if (!fields.containsKey(f)) {
          problems.add(join(path, f) + ": field is not defined on " + name);
        }
      });
      fields.forEach((f, field) -> {
        JsonNode v = value.get(f);
        if (v == null || v.isNull()) {
          if (field.required) {
            problems.add(join(path, f) + ": expected non-null " + field.type.name + ", found null");
          }
        } else {
          field.type.check(v, join(path, f), problems);
        }
      });
    }
  }

  private String describe() {
    return switch (kind) {
      case ENUM -> name + " (one of " + String.join(", ", values) + ")";
      case OBJECT -> "an input object " + name;
      case LIST -> "a list " + name;
      case SCALAR -> name;
    };
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  @Override
  public String toString() {
    return name;
  }
}
