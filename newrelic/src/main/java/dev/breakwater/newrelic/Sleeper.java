package dev.breakwater.newrelic;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How the clients wait between retries. Production code sleeps; tests inject one that records
 * the requested waits and returns at once, so no test waits for real time.
 */
@FunctionalInterface
interface Sleeper {
  Sleeper SYSTEM = d -> TimeUnit.NANOSECONDS.sleep(d.toNanos());

  void sleep(Duration duration) throws InterruptedException;
}
