package dev.breakwater.newrelic;

/**
 * What to do with each HTTP status of New Relic's ingest APIs, per the telemetry SDK
 * specification: accept, drop for good, split the payload, wait as told, or back off and retry.
 */
enum ApiResponses {
  ACCEPTED, DROP, SPLIT, RETRY_AFTER, RETRY;

  static ApiResponses of(int status) {
    switch (status) {
      case 200:
      case 202:
        return ACCEPTED;
      case 400:
      case 401:
      case 403:
      case 404:
      case 405:
      case 409:
      case 410:
      case 411:
        return DROP;
      case 413:
        return SPLIT;
      case 429:
        return RETRY_AFTER;
      default:
        return status >= 200 && status < 300 ? ACCEPTED : RETRY;
    }
  }
}
