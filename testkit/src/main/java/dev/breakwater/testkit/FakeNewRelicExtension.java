package dev.breakwater.testkit;

import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link FakeNewRelic} for JUnit 5 tests and closes it after them. Register it with
 * {@code @RegisterExtension}: in an instance field, every test gets a fresh fake; in a static
 * field, the tests of a class share one, which is cleared (everything received, and the fault
 * schedule) before each test. Test, constructor and lifecycle methods may take a
 * {@code FakeNewRelic} parameter; register at most one such extension per test class, or JUnit
 * cannot tell which fake a parameter means.
 *
 * <pre>{@code
 * @RegisterExtension
 * final FakeNewRelicExtension newRelic = FakeNewRelicExtension.create();
 *
 * @Test
 * void survivesAnOutage(FakeNewRelic fake) {
 *   fake.faults().next(Api.EVENTS, 1, Fault.status(503));
 *   // ... code under test configured with NewRelicConfig.fromEnvironment(fake.environment()) ...
 * }
 * }</pre>
 *
 * <p>The testkit declares JUnit Jupiter's API an optional dependency: a JUnit 5 project has it
 * already, and others do not get it through the testkit. Thread-safe for JUnit's use: with
 * parallel execution, give each concurrently running class its own instance (an instance field
 * does).
 */
// JUnit's types in this signature come from a module read only statically ("requires static"):
// whoever registers the extension writes JUnit tests and reads JUnit's module already.
@SuppressWarnings("exports")
public final class FakeNewRelicExtension implements BeforeAllCallback, BeforeEachCallback,
    AfterEachCallback, AfterAllCallback, ParameterResolver {
  private final Supplier<FakeNewRelic> starter;
  private volatile FakeNewRelic fake;
  private volatile boolean perClass;

  private FakeNewRelicExtension(Supplier<FakeNewRelic> starter) {
    this.starter = starter;
  }

  /**
   * An extension that starts fakes with the defaults of {@link FakeNewRelic#start()}.
   *
   * @return a new extension
   */
  public static FakeNewRelicExtension create() {
    return new FakeNewRelicExtension(FakeNewRelic::start);
  }

  /**
   * An extension that starts fakes from {@code builder} (other keys, account, ticker or clock).
   * The builder is read at each start; do not change it while tests run.
   *
   * @param builder the configured builder
   * @return a new extension
   * @throws NullPointerException if {@code builder} is null
   */
  public static FakeNewRelicExtension of(FakeNewRelic.Builder builder) {
    Objects.requireNonNull(builder, "builder");
    return new FakeNewRelicExtension(builder::start);
  }

  /**
   * Returns the running fake.
   *
   * @return the fake of the current test
   * @throws IllegalStateException if no test (or test class, for a static field) is running
   */
  public FakeNewRelic fake() {
    FakeNewRelic running = fake;
    if (running == null) {
      throw new IllegalStateException("no FakeNewRelic is running: the extension starts one for each "
          + "test (or each class, in a static field) registered with @RegisterExtension");
    }
    return running;
  }

  /**
   * Starts the fake shared by the class's tests (called for a static field only).
   *
   * @param context the class's context
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    fake = starter.get();
  }

  /**
   * Starts the test's fake, or clears the shared one.
   *
   * @param context the test's context
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    if (perClass) {
      fake().clear();
      fake().faults().clear();
    } else {
      fake = starter.get();
    }
  }

  /**
   * Closes the test's own fake.
   *
   * @param context the test's context
   */
  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      closeFake();
    }
  }

  /**
   * Closes the fake shared by the class's tests.
   *
   * @param context the class's context
   */
  @Override
  public void afterAll(ExtensionContext context) {
    if (perClass) {
      closeFake();
      perClass = false;
    }
  }

  private void closeFake() {
    FakeNewRelic running = fake;
    fake = null;
    if (running != null) {
      running.close();
    }
  }

  /**
   * Whether the parameter is a {@link FakeNewRelic}.
   *
   * @param parameter the parameter
   * @param context the context
   * @return true for a {@code FakeNewRelic} parameter
   */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FakeNewRelic.class;
  }

  /**
   * Returns the running fake.
   *
   * @param parameter the parameter
   * @param context the context
   * @return the running fake
   * @throws IllegalStateException if none is running
   */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return fake();
  }

  @Override
  public String toString() {
    FakeNewRelic running = fake;
    return "FakeNewRelicExtension{" + (running == null ? "not running" : running) + "}";
  }
}
