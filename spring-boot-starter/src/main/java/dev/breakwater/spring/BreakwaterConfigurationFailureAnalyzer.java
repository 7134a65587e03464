package dev.breakwater.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad Breakwater property into Spring Boot's short "APPLICATION FAILED TO START" report. */
final class BreakwaterConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<BreakwaterConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, BreakwaterConfigurationException cause) {
    return new FailureAnalysis(cause.getMessage(),
        "Correct the property in your application configuration; the names and defaults are in "
            + "the IDE's auto-completion and in Breakwater's README.", cause);
  }
}
