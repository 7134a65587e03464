/** What-if simulator: replay traffic against candidate breaker configurations on a virtual clock. */
package dev.breakwater.simulator;
