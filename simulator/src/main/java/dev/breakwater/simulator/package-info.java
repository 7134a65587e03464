/**
 * What-if simulator: replay traffic against candidate breaker configurations on a virtual clock.
 *
 * <p>A {@link dev.breakwater.simulator.Workload} comes from a trace that a
 * {@link dev.breakwater.simulator.TraceRecorder} wrote in production, from a seeded
 * {@link dev.breakwater.simulator.SyntheticWorkload}, or from a {@code breakwater demo} scenario
 * file ({@link dev.breakwater.simulator.ScenarioWorkload}).
 * {@link dev.breakwater.simulator.Simulation} replays it through real circuit breakers, one per
 * candidate, and returns exact {@link dev.breakwater.simulator.Figures};
 * {@link dev.breakwater.simulator.Candidates} reads candidates and grids written as text, and
 * {@link dev.breakwater.simulator.SimulationReport} compares them as a table, JSON or HTML.
 */
package dev.breakwater.simulator;
