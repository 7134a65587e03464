package dev.breakwater.cli;

import java.util.List;

/**
 * The scenario file format: the keys the parser accepts and their documentation, shown by
 * {@code breakwater demo --help}. A test checks that every key here is documented in {@link #HELP}
 * and that its example parses. Constants only.
 */
final class ScenarioFormat {
  static final String EVENTS = "events";
  static final String METRICS = "metrics";
  static final String NERDGRAPH = "nerdgraph";

  static final List<String> ROOT_KEYS = List.of("description", "phases");
  static final List<String> PHASE_KEYS = List.of("name", "seconds", EVENTS, METRICS, NERDGRAPH);
  /** The kinds of fault: a fault has exactly one of these keys. */
  static final List<String> FAULT_KINDS = List.of("status", "latencyMillis", "drop", "graphQlError");
  static final List<String> FAULT_KEYS = List.of("status", "retryAfterSeconds", "delayMillis",
      "latencyMillis", "drop", "graphQlError", "message");
  /** NerdGraph's transient error classes (they count against the breaker), then caller mistakes. */
  static final List<String> GRAPHQL_ERROR_CLASSES = List.of("TIMEOUT", "INTERNAL_SERVER_ERROR",
      "SERVER_ERROR", "VALIDATION_ERROR", "INVALID_INPUT", "FORBIDDEN");
  static final int MAX_SECONDS = 86_400;

  /** The example in {@link #HELP}; it is the built-in scenario plus one fault of each other kind. */
  static final String EXAMPLE = """
      {
        "description": "A bad afternoon at New Relic.",
        "phases": [
          {"name": "healthy", "seconds": 4},
          {"name": "Event API answers 503", "seconds": 6,
           "events": {"status": 503}},
          {"name": "slow, then 504", "seconds": 6,
           "events": {"status": 504, "delayMillis": 3000}},
          {"name": "429 with Retry-After", "seconds": 5,
           "events": {"status": 429, "retryAfterSeconds": 1}},
          {"name": "slow but fine", "seconds": 3,
           "metrics": {"latencyMillis": 800}},
          {"name": "connections dropped", "seconds": 3,
           "events": {"drop": true}, "metrics": {"drop": true}},
          {"name": "NerdGraph errors", "seconds": 4,
           "nerdgraph": {"graphQlError": "INTERNAL_SERVER_ERROR",
                         "message": "NRDB is having a bad day"}},
          {"name": "healthy again", "seconds": 5}
        ]
      }
      """;

  /** The scenario section of {@code breakwater demo --help}; lines fit 80 columns. */
  static final String HELP = """
      Scenario file (--scenario FILE): a JSON object; these keys and no others.
        description    text shown in the report (optional)
        phases         the phases, in order (required, at least one)
      Each phase:
        name           shown in the live view and the report (default "phase N")
        seconds        its length, a number > 0 (at most 86400); the schedule is
                       stretched or squeezed to --duration, keeping the proportions
        events         the fault of the Event API during the phase
        metrics        the fault of the Metric API during the phase
        nerdgraph      the fault of NerdGraph during the phase
                       (each optional: an API without a fault answers normally)
      Each fault is exactly one of:
        status         answer with this HTTP status (200 to 599), storing nothing;
                       optionally with
          retryAfterSeconds   send Retry-After: this many seconds (0 to 3600)
          delayMillis         answer only after this long (0 to 600000)
        latencyMillis  wait this long (0 to 600000), then answer normally
        drop           true: read the request, close the connection unanswered
        graphQlError   nerdgraph only: HTTP 200 with a GraphQL error of this
                       errorClass: TIMEOUT, INTERNAL_SERVER_ERROR, SERVER_ERROR
                       (transient: they count against the breaker) or
                       VALIDATION_ERROR, INVALID_INPUT, FORBIDDEN (caller
                       mistakes: they do not); optionally with
          message             the error's message
      An unknown or misspelled key, a value of the wrong type or range, or two
      kinds in one fault is an error (exit code 2), never silently ignored.
      Example (the built-in scenario, plus one fault of each other kind):
      """ + EXAMPLE;

  private ScenarioFormat() {}
}
