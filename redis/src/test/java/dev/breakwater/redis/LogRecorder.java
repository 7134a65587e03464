package dev.breakwater.redis;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records the fleet's log lines ({@code System.Logger} goes to java.util.logging here). */
final class LogRecorder extends Handler implements AutoCloseable {
  private static final Logger FLEET = Logger.getLogger("dev.breakwater.redis.RedisFleet");

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  static LogRecorder attach() {
    LogRecorder recorder = new LogRecorder();
    recorder.setLevel(Level.ALL);
    FLEET.addHandler(recorder);
    return recorder;
  }

  long count(Level level, String containing) {
    return records.stream()
        .filter(r -> r.getLevel().equals(level) && r.getMessage() != null && r.getMessage().contains(containing))
        .count();
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    FLEET.removeHandler(this);
  }
}
