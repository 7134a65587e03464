package dev.breakwater.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads a JSON document strictly (no duplicate keys, nothing after the value) and turns a syntax
 * error into a sentence a person can act on: line, column and what was wrong, without the
 * parser's internals (class names, source descriptions, feature flags). Thread-safe.
 */
final class JsonSyntax {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonSyntax() {}

  /**
   * Parses {@code bytes} (UTF-8, or UTF-16/32 with a byte order mark).
   *
   * @throws IllegalArgumentException "not valid JSON at line L, column C: ..." or "is empty"
   */
  static JsonNode parse(byte[] bytes) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(describe(e));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot be read as JSON: " + Failures.describe(e));
    }
    if (root == null || root.isMissingNode()) {
      throw new IllegalArgumentException("the file is empty; a scenario is a JSON object with a \"phases\" list");
    }
    return root;
  }

  static String describe(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr()
        + (at.getColumnNr() < 1 ? "" : ", column " + at.getColumnNr());
    return "not valid JSON" + where + ": " + reason(e.getOriginalMessage());
  }

  static String reason(String original) {
    String m = original == null ? "" : original.strip().lines().findFirst().orElse("");
    if (m.contains("maybe a (non-standard) comment")) {
      return "comments are not allowed in JSON (put notes in \"description\")";
    }
    if (m.startsWith("Unexpected end-of-input")) {
      return m.contains("Array") ? "the file ends early: a ']' is missing"
          : m.contains("Object") ? "the file ends early: a '}' is missing" : "the file ends early";
    }
    if (m.endsWith("was expecting double-quote to start field name")) {
      return (m.contains("('}'") ? "unexpected '}' where a key was expected (a comma too many before it?)"
          : "a key was expected here; JSON keys are in double quotes");
    }
    if (m.startsWith("Duplicate field")) {
      return m.replace("Duplicate field", "duplicate key");
    }
    m = m.replaceAll("\\s*\\((for|start marker at) .*$", "")           // where an array or object began
        .replaceAll(":\\s*enable `.*$", "")                              // advice to turn on a parser feature
        .replaceAll("\\(\\(CTRL-CHAR, code (\\d+)\\)\\)", "(control character $1)")
        .replaceAll("\\(('.*?') \\(code \\d+\\)\\)", "$1")               // ('}' (code 125)) -> '}'
        .replace("(JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            "a value (a string, number, object, array, true, false or null)");
    if (m.isBlank() || m.contains("[Source") || m.contains("`") || m.contains("Feature")) {
      return "unexpected content";
    }
    return m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
  }
}
