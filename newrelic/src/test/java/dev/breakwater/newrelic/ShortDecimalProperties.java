package dev.breakwater.newrelic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The fast path for short decimals writes exactly the text Jackson's shortest round-trip
 * formatting would, or declines; it never writes a different number.
 */
class ShortDecimalProperties {

  @Property(tries = 5000)
  void writesJacksonsTextOrDeclines(@ForAll("doubles") double d) {
    byte[] buf = new byte[32];
    int end = ShortDecimal.write(d, buf, 3);
    if (end >= 0) {
      assertThat(new String(buf, 3, end - 3, StandardCharsets.US_ASCII))
          .isEqualTo(NumberOutput.toString(d, true));
    }
  }

  @Provide
  Arbitrary<Double> doubles() {
    Arbitrary<Double> shortDecimals = Arbitraries.longs().between(-100_000_000_000L, 100_000_000_000L)
        .flatMap(n -> Arbitraries.integers().between(0, 10).map(k -> n / Math.pow(10, k)));
    Arbitrary<Double> neighbours = shortDecimals.map(Math::nextUp);
    Arbitrary<Double> anyBits = Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite);
    return Arbitraries.oneOf(shortDecimals, neighbours, anyBits, Arbitraries.doubles());
  }

  @Test
  void metricLikeValuesTakeTheFastPath() {
    assertThat(written(1234.5)).isEqualTo("1234.5");
    assertThat(written(987654.25)).isEqualTo("987654.25");
    assertThat(written(-0.001)).isEqualTo("-0.001");
    assertThat(written(42.0)).isEqualTo("42.0");
    assertThat(written(9999999.12345678)).isEqualTo("9999999.12345678");
  }

  @Test
  void declinesWhatItCannotProveShortest() {
    for (double d : new double[] {0.0, -0.0, 1e7, 0.000999, 0.1 + 0.2, 1.0 / 3, Double.MIN_VALUE}) {
      assertThat(ShortDecimal.write(d, new byte[32], 0)).as("%s", d).isEqualTo(-1);
    }
  }

  private static String written(double d) {
    byte[] buf = new byte[32];
    int end = ShortDecimal.write(d, buf, 0);
    assertThat(end).as("%s takes the fast path", d).isPositive();
    return new String(buf, 0, end, StandardCharsets.US_ASCII);
  }
}
