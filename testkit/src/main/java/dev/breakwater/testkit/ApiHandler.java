package dev.breakwater.testkit;

/** Answers the requests to one API. Implementations are thread-safe. */
interface ApiHandler {

  /**
   * Handles a request that got no fault, storing what it carried if it is accepted. Called
   * before the response is sent, so a client that has its answer finds the data stored.
   */
  Reply handle(Incoming request);
}
