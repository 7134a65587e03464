package dev.breakwater;

/** The precise ticker: {@link System#nanoTime()}. Thread-safe and stateless. */
enum SystemTicker implements Ticker {
  INSTANCE;

  @Override
  public long read() {
    return System.nanoTime();
  }

  @Override
  public String toString() {
    return "Ticker.system()";
  }
}
