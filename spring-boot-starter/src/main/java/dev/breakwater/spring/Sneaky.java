package dev.breakwater.spring;

/** Rethrows any {@code Throwable} unchanged through code that declares narrower exceptions. */
final class Sneaky {
  private Sneaky() {}

  @SuppressWarnings("unchecked")
  static <E extends Throwable> E rethrow(Throwable t) throws E {
    throw (E) t;
  }
}
