package dev.breakwater.example;

import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The shop's HTTP API, and a switch for the fake downstream. */
@RestController
public class ShopController {
  private final InventoryService inventory;
  private final FlakyInventory downstream;

  ShopController(InventoryService inventory, FlakyInventory downstream) {
    this.inventory = inventory;
    this.downstream = downstream;
  }

  /**
   * The stock line of one item.
   *
   * @param sku the item
   * @return the stock line
   * @throws IOException never in practice
   */
  @GetMapping("/stock/{sku}")
  public String stock(@PathVariable("sku") String sku) throws IOException {
    return inventory.stock(sku);
  }

  /**
   * Switches the fake downstream: {@code failing} or {@code healthy}.
   *
   * @param mode failing or healthy
   * @return the mode now
   */
  @PostMapping("/downstream/{mode}")
  public String downstream(@PathVariable("mode") String mode) {
    downstream.failing("failing".equals(mode));
    return mode;
  }
}
