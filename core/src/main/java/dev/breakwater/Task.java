package dev.breakwater;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Runs the user's code in whichever shape it came: a {@link Callable}, a {@link Supplier} or a
 * {@link Runnable}, without wrapping it in an adapter object (which the success path would have
 * to allocate). Stateless.
 */
final class Task {
  static final int CALLABLE = 0;
  static final int SUPPLIER = 1;
  static final int RUNNABLE = 2;

  private Task() {}

  @SuppressWarnings("unchecked")
  static <T> T run(Object task, int shape) throws Exception {
    switch (shape) {
      case CALLABLE:
        return ((Callable<T>) task).call();
      case SUPPLIER:
        return ((Supplier<T>) task).get();
      default:
        ((Runnable) task).run();
        return null;
    }
  }

  /** Throws {@code t} unchanged, checked or not. */
  @SuppressWarnings("unchecked")
  static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }
}
