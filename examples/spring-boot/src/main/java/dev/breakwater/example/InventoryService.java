package dev.breakwater.example;

import dev.breakwater.CallNotPermittedException;
import dev.breakwater.spring.CircuitBreaker;
import java.io.IOException;
import org.springframework.stereotype.Service;

/** Stock lookups protected by the "inventory" breaker configured in application.yml. */
@Service
public class InventoryService {
  private final FlakyInventory inventory;

  InventoryService(FlakyInventory inventory) {
    this.inventory = inventory;
  }

  /**
   * Units in stock, or an answer from the fallbacks while the inventory service is failing.
   *
   * @param sku the item
   * @return the stock line
   * @throws IOException never in practice: the fallbacks answer for it
   */
  @CircuitBreaker(name = "inventory", fallbackMethod = "stockFallback")
  public String stock(String sku) throws IOException {
    return sku + ": " + inventory.stockFor(sku) + " in stock";
  }

  String stockFallback(String sku, CallNotPermittedException e) {
    return sku + ": availability unknown (inventory circuit open)";
  }

  String stockFallback(String sku, IOException e) {
    return sku + ": availability unknown (" + e.getMessage() + ")";
  }
}
