/**
 * Micrometer meter binders for Breakwater's circuit breakers: {@link
 * dev.breakwater.micrometer.CircuitBreakerMetrics} publishes every breaker of a registry, or a
 * single breaker, to any Micrometer registry, reading the breakers' statistics only when the
 * registry publishes or is scraped.
 */
package dev.breakwater.micrometer;
