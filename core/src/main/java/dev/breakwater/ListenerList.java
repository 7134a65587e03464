package dev.breakwater;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Copy-on-write listeners with guarded dispatch: a listener that throws is logged and the others
 * still run; nothing reaches the code that emitted the event. {@link #isEmpty()} is one volatile
 * read, so emitters can skip building events nobody receives. Thread-safe.
 *
 * @param <E> the event type
 */
final class ListenerList<E> {
  private static final System.Logger LOG = System.getLogger("dev.breakwater.listeners");
  private static final Object[] NONE = {};

  private volatile Object[] listeners = NONE;

  boolean isEmpty() {
    return listeners.length == 0;
  }

  Subscription add(Consumer<? super E> listener) {
    Objects.requireNonNull(listener, "listener");
    Registration<E> subscription = new Registration<>(this, listener);
    synchronized (this) {
      Object[] current = listeners;
      Object[] next = Arrays.copyOf(current, current.length + 1);
      next[current.length] = subscription;
      listeners = next;
    }
    return subscription;
  }

  private synchronized void remove(Registration<E> subscription) {
    Object[] current = listeners;
    for (int i = 0; i < current.length; i++) {
      if (current[i] == subscription) {
        Object[] next = new Object[current.length - 1];
        System.arraycopy(current, 0, next, 0, i);
        System.arraycopy(current, i + 1, next, i, current.length - i - 1);
        listeners = next.length == 0 ? NONE : next;
        return;
      }
    }
  }

  @SuppressWarnings("unchecked")
  void emit(E event) {
    for (Object l : listeners) {
      ((Registration<E>) l).deliver(event);
    }
  }

  /** One registered listener; closing it unsubscribes. */
  private static final class Registration<E> implements Subscription {
    private final ListenerList<E> owner;
    private final Consumer<? super E> listener;

    Registration(ListenerList<E> owner, Consumer<? super E> listener) {
      this.owner = owner;
      this.listener = listener;
    }

    void deliver(E event) {
      try {
        listener.accept(event);
      } catch (Throwable t) {
        // Even a StackOverflowError or OutOfMemoryError of a listener stays here: the breaker is
        // mid-way through recording an outcome or a transition, which must complete.
        try {
          LOG.log(Level.WARNING, () -> "listener " + listener + " threw on "
              + event.getClass().getSimpleName() + "; ignored", t);
        } catch (Throwable logFailed) {
          // nothing more can be done without disturbing the caller
        }
      }
    }

    @Override
    public void close() {
      owner.remove(this);
    }

    @Override
    public String toString() {
      return "subscription of " + listener;
    }
  }
}
