package dev.breakwater.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The comparison of candidates over one workload, in the three forms {@code breakwater simulate}
 * prints: a table for the terminal, JSON for scripts (an array with one object per candidate),
 * and a self-contained HTML page with the candidates' states on one timeline over the workload's
 * error rate. Every form marks the Pareto front (fast detection vs few false opens vs quick
 * recovery) and the recommended candidate, which it also gives as a {@code CircuitBreakerConfig}
 * snippet and as {@code application.yml} properties for the Spring Boot starter.
 *
 * <p>Immutable and thread-safe.
 */
public final class SimulationReport {
  private final Workload workload;
  private final List<Figures> figures;
  private final String breakerName;
  private final List<ParetoFront.Objectives> objectives;
  private final Set<Integer> front;
  private final int recommended;

  private SimulationReport(Workload workload, List<Figures> figures, String breakerName) {
    this.workload = workload;
    this.figures = figures;
    this.breakerName = breakerName;
    List<ParetoFront.Objectives> o = new ArrayList<>();
    for (Figures f : figures) {
      o.add(ParetoFront.objectives(f));
    }
    this.objectives = List.copyOf(o);
    List<Integer> frontList = ParetoFront.front(objectives);
    this.front = new TreeSet<>(frontList);
    this.recommended = ParetoFront.recommended(objectives, frontList);
  }

  /**
   * Compares the figures of candidates run over {@code workload}.
   *
   * @param workload the workload the candidates ran over
   * @param figures the figures of each candidate, in the order to show them; at least one
   * @param breakerName the breaker name the recommended snippets use
   * @return the report
   * @throws IllegalArgumentException if {@code figures} is empty or {@code breakerName} blank
   * @throws NullPointerException if an argument is null
   */
  public static SimulationReport of(Workload workload, List<Figures> figures, String breakerName) {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(breakerName, "breakerName");
    if (figures.isEmpty()) {
      throw new IllegalArgumentException("a report needs the figures of at least one candidate");
    }
    if (breakerName.isBlank()) {
      throw new IllegalArgumentException("breakerName must not be blank");
    }
    return new SimulationReport(workload, List.copyOf(figures), breakerName);
  }

  /**
   * Returns the candidates on the Pareto front, in the candidates' order.
   *
   * @return the Pareto-optimal candidates' figures
   */
  public List<Figures> paretoFront() {
    return front.stream().map(figures::get).toList();
  }

  /**
   * Returns the recommended candidate: on the front, with the smallest sum of its objectives each
   * scaled over the front's range.
   *
   * @return the recommended candidate's figures
   */
  public Figures recommended() {
    return figures.get(recommended);
  }

  /**
   * Returns the recommended configuration as Java code, naming only the settings that differ from
   * the defaults.
   *
   * @return a {@code CircuitBreakerConfig} builder statement
   */
  public String recommendedJava() {
    return Snippets.java(recommended().candidate(), breakerName);
  }

  /**
   * Returns the recommended configuration as {@code application.yml} properties of the Spring
   * Boot starter ({@code breakwater.circuitbreaker.instances.<name>.*}).
   *
   * @return YAML text
   */
  public String recommendedYaml() {
    return Snippets.yaml(recommended().candidate(), breakerName);
  }

  /**
   * Renders the comparison as a text table for a terminal.
   *
   * @return the table, lines ending in {@code \n}
   */
  public String table() {
    return new TableRenderer(this).render();
  }

  /**
   * Renders the comparison as a JSON array with one object per candidate, carrying at least
   * {@code candidate}, {@code failedCallsAdmitted}, {@code healthyCallsRejected}, {@code opens} and
   * {@code trialCalls}, then the other overall figures, {@code paretoOptimal},
   * {@code recommended}, the effective {@code config} and the figures of each phase.
   *
   * @return the JSON text
   */
  public String json() {
    return JsonRenderer.render(this);
  }

  /**
   * Renders the comparison as a self-contained HTML page: inline CSS and SVG, no script, nothing
   * fetched from elsewhere.
   *
   * @return the HTML text
   */
  public String html() {
    return new HtmlRenderer(this).render();
  }

  Workload workload() {
    return workload;
  }

  List<Figures> figures() {
    return figures;
  }

  boolean onFront(int index) {
    return front.contains(index);
  }

  boolean isRecommended(int index) {
    return index == recommended;
  }

  ParetoFront.Objectives objectives(int index) {
    return objectives.get(index);
  }

  String breakerName() {
    return breakerName;
  }
}
