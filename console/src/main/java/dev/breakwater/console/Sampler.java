package dev.breakwater.console;

import dev.breakwater.CircuitBreaker;
import dev.breakwater.CircuitBreakerEvent.StateChanged;
import dev.breakwater.CircuitBreakerStats;
import dev.breakwater.Ticker;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps one {@link BreakerTrack} per breaker of the registry and reads them all at each sampling
 * interval. Breakers are matched by identity, so a breaker removed and re-created under the same
 * name starts a new history. Time comes from the console's ticker only.
 *
 * <p>Not thread-safe; the {@link Feed}'s lock guards it.
 */
final class Sampler {
  private final Ticker ticker;
  private final int historyLength;
  private final Map<CircuitBreaker, BreakerTrack> tracks = new IdentityHashMap<>();
  private long sequence;
  private long nextTransitionId = 1;

  Sampler(Ticker ticker, int historyLength) {
    this.ticker = ticker;
    this.historyLength = historyLength;
  }

  /** One reading of every breaker, in the registry's order. */
  record Reading(long sequence, long at, List<Entry> entries) {}

  /** One breaker in a reading; {@code appended} says whether its history got a new point. */
  record Entry(BreakerTrack track, CircuitBreakerStats stats, boolean appended) {}

  /**
   * Follows the registry's current breakers (new ones get a track whose first reading is the
   * baseline, gone ones are forgotten), then samples each.
   *
   * @param breakers the registry's breakers now
   * @return the reading, with the next sequence number
   */
  Reading sample(List<CircuitBreaker> breakers) {
    long now = ticker.read();
    follow(breakers, now);
    List<Entry> entries = new ArrayList<>(breakers.size());
    for (CircuitBreaker breaker : breakers) {
      BreakerTrack.Sampled sampled = tracks.get(breaker).sample(now);
      entries.add(new Entry(tracks.get(breaker), sampled.stats(), sampled.appended()));
    }
    return new Reading(++sequence, now, List.copyOf(entries));
  }

  /**
   * Reads every breaker now without adding to the histories, for a full snapshot; the sequence
   * number is that of the last sample, which the snapshot already contains.
   *
   * @param breakers the registry's breakers now
   * @return the reading
   */
  Reading snapshot(List<CircuitBreaker> breakers) {
    long now = ticker.read();
    follow(breakers, now);
    List<Entry> entries = new ArrayList<>(breakers.size());
    for (CircuitBreaker breaker : breakers) {
      BreakerTrack track = tracks.get(breaker);
      entries.add(new Entry(track, track.read(now), false));
    }
    return new Reading(sequence, now, List.copyOf(entries));
  }

  /**
   * Records a state change. A breaker the sampler does not follow yet gets a track at once, so
   * the reason is kept; if it is not in the registry, the next reading forgets it again.
   *
   * @return the recorded transition, numbered for de-duplication by the page
   */
  BreakerTrack.Transition transition(CircuitBreaker breaker, StateChanged event, long at) {
    BreakerTrack track = tracks.computeIfAbsent(breaker,
        b -> new BreakerTrack(b, historyLength, ticker.read()));
    return track.transition(event, nextTransitionId++, at);
  }

  /** Returns the track of a breaker the sampler follows. */
  Optional<BreakerTrack> track(CircuitBreaker breaker) {
    return Optional.ofNullable(tracks.get(breaker));
  }

  long now() {
    return ticker.read();
  }

  int historyLength() {
    return historyLength;
  }

  private void follow(List<CircuitBreaker> breakers, long now) {
    Map<CircuitBreaker, Boolean> present = new IdentityHashMap<>(breakers.size() * 2);
    for (CircuitBreaker breaker : breakers) {
      present.put(breaker, Boolean.TRUE);
      tracks.computeIfAbsent(breaker, b -> new BreakerTrack(b, historyLength, now));
    }
    tracks.keySet().removeIf(breaker -> !present.containsKey(breaker));
  }
}
