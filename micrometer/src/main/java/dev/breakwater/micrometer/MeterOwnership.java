package dev.breakwater.micrometer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Which meters Breakwater binders registered, per meter registry. Registering a meter whose id
 * (after the registry's filters) already exists returns the existing meter, so two binders that
 * publish the same breaker name with the same tags would share meters, and the first to remove
 * them would take them from the other. A binder therefore claims each meter it gets back and
 * keeps (and later removes) only the ones nobody had claimed. Meters are compared by identity,
 * because equal ids in different registries are different meters.
 *
 * <p>Thread-safe. Registries are held weakly; meters only while claimed.
 */
final class MeterOwnership {
  private static final Map<MeterRegistry, Set<Meter>> CLAIMED = new WeakHashMap<>(); // guarded

  private MeterOwnership() {}

  /** Claims {@code meter}; false if another binder holds it already. */
  static boolean claim(MeterRegistry registry, Meter meter) {
    synchronized (CLAIMED) {
      return CLAIMED.computeIfAbsent(registry,
          r -> Collections.newSetFromMap(new IdentityHashMap<>())).add(meter);
    }
  }

  /** Releases a meter claimed earlier. */
  static void release(MeterRegistry registry, Meter meter) {
    synchronized (CLAIMED) {
      Set<Meter> claimed = CLAIMED.get(registry);
      if (claimed != null && claimed.remove(meter) && claimed.isEmpty()) {
        CLAIMED.remove(registry);
      }
    }
  }
}
