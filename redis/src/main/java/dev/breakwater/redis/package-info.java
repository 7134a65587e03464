/** Fleet coordination of circuit breakers through Redis, off the call path. */
package dev.breakwater.redis;
