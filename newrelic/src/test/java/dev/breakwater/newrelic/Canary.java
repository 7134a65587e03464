package dev.breakwater.newrelic;

/**
 * The keys every test of this module uses: obvious canaries, so that {@link KeyLeakGuard} can
 * prove they never reach a log line, an exception message or a {@code toString()}.
 */
final class Canary {
  static final String LICENSE_KEY = "canary-license-0c4f9e2a";
  static final String USER_KEY = "canary-user-7d1b3f58";

  private Canary() {}

  static boolean leaks(String text) {
    return text != null && (text.contains(LICENSE_KEY) || text.contains(USER_KEY));
  }
}
