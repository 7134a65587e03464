/**
 * Breakwater's core: circuit breakers, their configuration, registry, events and statistics.
 * No dependencies beyond {@code java.base}.
 */
module dev.breakwater {
  exports dev.breakwater;
}
