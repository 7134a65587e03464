module app {
  requires dev.breakwater.newrelic;
  requires dev.breakwater.testkit;
}
