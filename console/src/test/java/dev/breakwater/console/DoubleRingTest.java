package dev.breakwater.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DoubleRingTest {

  @Test
  void keepsValuesOldestFirstUntilFull() {
    DoubleRing ring = new DoubleRing(4);
    assertThat(ring.toArray()).isEmpty();
    assertThat(ring.last()).isNaN();
    ring.add(1);
    ring.add(2);
    assertThat(ring.toArray()).containsExactly(1, 2);
    assertThat(ring.last()).isEqualTo(2);
  }

  @Test
  void dropsTheOldestOnceFullAcrossManyWraps() {
    DoubleRing ring = new DoubleRing(3);
    for (int i = 1; i <= 10; i++) {
      ring.add(i);
      assertThat(ring.size()).isEqualTo(Math.min(i, 3));
      assertThat(ring.last()).isEqualTo(i);
    }
    assertThat(ring.toArray()).containsExactly(8, 9, 10);
  }

  @Test
  void keepsNaNAsAGap() {
    DoubleRing ring = new DoubleRing(2);
    ring.add(Double.NaN);
    ring.add(5);
    assertThat(ring.toArray()[0]).isNaN();
    assertThat(ring.toArray()[1]).isEqualTo(5);
  }

  @Test
  void refusesAnEmptyCapacity() {
    assertThatThrownBy(() -> new DoubleRing(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity must be at least 1, was 0");
  }
}
