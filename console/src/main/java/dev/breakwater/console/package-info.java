/** Breakwater Console: a live page of every circuit breaker, served by the application itself. */
package dev.breakwater.console;
