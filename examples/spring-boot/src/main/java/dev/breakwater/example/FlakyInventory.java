package dev.breakwater.example;

import java.io.IOException;
import org.springframework.stereotype.Component;

/**
 * Stands in for a remote inventory service that can go down: in a real application an HTTP
 * client. {@code POST /downstream/failing} and {@code /downstream/healthy} switch it.
 */
@Component
public class FlakyInventory {
  private volatile boolean failing;

  /**
   * Looks a SKU up remotely.
   *
   * @param sku the item
   * @return units in stock
   * @throws IOException while the service is down
   */
  public int stockFor(String sku) throws IOException {
    if (failing) {
      throw new IOException("inventory service unavailable");
    }
    return Math.abs(sku.hashCode() % 100);
  }

  /**
   * Takes the service down or brings it back.
   *
   * @param failing whether calls fail
   */
  public void failing(boolean failing) {
    this.failing = failing;
  }
}
