package dev.breakwater;

import java.lang.reflect.Field;

/** Reads the clock a {@link TimeoutWheel} computes deadlines on; for tests. */
final class TimeoutWheelClock {
  private TimeoutWheelClock() {}

  static Ticker of(TimeoutWheel wheel) {
    try {
      Field f = TimeoutWheel.class.getDeclaredField("clock");
      f.setAccessible(true);
      return (Ticker) f.get(wheel);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
