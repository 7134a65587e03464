package dev.breakwater.spring;

/**
 * A Breakwater property with a bad value; the message names the property path and the value,
 * e.g. {@code breakwater.circuitbreaker.instances.inventory.failure-threshold must be >= 1, was 0}.
 */
public class BreakwaterConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names the property path and the value
   */
  public BreakwaterConfigurationException(String message) {
    super(message);
  }
}
