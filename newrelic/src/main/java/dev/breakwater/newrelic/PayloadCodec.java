package dev.breakwater.newrelic;

import java.util.List;

/**
 * Encodes items into payloads within an API's limits. Implementations are thread-safe.
 *
 * @param <T> the item type
 */
interface PayloadCodec<T> {

  /**
   * Encodes {@code items} into payloads, in order.
   *
   * @param tooLarge receives each single item that alone exceeds the payload size limit
   */
  List<Payload<T>> encode(List<? extends T> items, List<T> tooLarge);

  /** The items as plain JSON, for audit logging. */
  String toJson(List<? extends T> items);
}
