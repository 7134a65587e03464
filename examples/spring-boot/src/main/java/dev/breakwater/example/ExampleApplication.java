package dev.breakwater.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A shop front whose inventory lookups go through a Breakwater circuit breaker. */
@SpringBootApplication
public class ExampleApplication {
  /**
   * Starts the application.
   *
   * @param args Spring Boot's arguments
   */
  public static void main(String[] args) {
    SpringApplication.run(ExampleApplication.class, args);
  }
}
