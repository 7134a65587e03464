package dev.breakwater;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Copy-on-write listeners with guarded dispatch: a listener that throws is logged and the others
 * still run; nothing reaches the code that emitted the event. A listener may want only some kinds
 * of event (a bit mask, see {@link EventKind}); {@link #wants(int)} and {@link #isEmpty()} are one
 * volatile read each, so emitters can skip building events nobody receives. Thread-safe.
 *
 * @param <E> the event type
 */
final class ListenerList<E> {
  private static final System.Logger LOG = System.getLogger("dev.breakwater.listeners");
  private static final Object[] NONE = {};

  /** Every kind of event. */
  static final int ALL = -1;

  private volatile Object[] listeners = NONE;
  private volatile int wanted; // the kinds some listener wants

  boolean isEmpty() {
    return listeners.length == 0;
  }

  /** Whether some listener wants events of {@code kind}. */
  boolean wants(int kind) {
    return (wanted & kind) != 0;
  }

  Subscription add(Consumer<? super E> listener) {
    return add(ALL, listener);
  }

  /**
   * Adds a listener for the given kinds only. It must accept every event emitted with one of
   * those kinds: the caller picks kinds whose events are of the listener's type.
   */
  @SuppressWarnings("unchecked")
  Subscription add(int kinds, Consumer<?> listener) {
    Objects.requireNonNull(listener, "listener");
    Registration<E> subscription = new Registration<>(this, kinds, (Consumer<? super E>) listener);
    synchronized (this) {
      Object[] current = listeners;
      Object[] next = Arrays.copyOf(current, current.length + 1);
      next[current.length] = subscription;
      listeners = next;
      wanted |= kinds;
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
        int kinds = 0;
        for (Object l : next) {
          kinds |= ((Registration<?>) l).kinds;
        }
        wanted = kinds;
        return;
      }
    }
  }

  /** Delivers {@code event} to every listener that wants all kinds. */
  void emit(E event) {
    emit(ALL, event);
  }

  /** Delivers {@code event}, of the given kind, to every listener that wants it. */
  @SuppressWarnings("unchecked")
  void emit(int kind, E event) {
    for (Object l : listeners) {
      Registration<E> r = (Registration<E>) l;
      if ((r.kinds & kind) != 0) {
        r.deliver(event);
      }
    }
  }

  /** One registered listener; closing it unsubscribes. */
  private static final class Registration<E> implements Subscription {
    private final ListenerList<E> owner;
    private final int kinds;
    private final Consumer<? super E> listener;

    Registration(ListenerList<E> owner, int kinds, Consumer<? super E> listener) {
      this.owner = owner;
      this.kinds = kinds;
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
