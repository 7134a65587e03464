package dev.breakwater.testkit;

/** A program that starts a fake, never closes it, and returns from main; run by {@link FakeThreadsTest}. */
final class FakeLeftOpen {
  private FakeLeftOpen() {}

  public static void main(String[] args) {
    FakeNewRelic fake = FakeNewRelic.start();
    System.out.println("started " + fake.baseUri());
  }
}
