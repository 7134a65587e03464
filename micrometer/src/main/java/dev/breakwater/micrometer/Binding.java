package dev.breakwater.micrometer;

/** Meters one binder registered in one meter registry; closing removes them. */
interface Binding {

  /** Removes the meters from their registry and stops adding new ones. Idempotent. */
  void close();
}
