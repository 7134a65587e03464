package dev.breakwater.console;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One connected {@code /api/stream} client: a bounded queue of encoded frames that the publisher
 * fills without ever blocking, emptied onto the connection by the client's own HTTP thread. A
 * client too slow to keep up finds its queue full and is dropped; its browser reconnects and
 * starts again from a fresh snapshot.
 *
 * <p>Thread-safe: one publisher offers, one HTTP thread pumps, anyone may close.
 */
final class SseClient {
  static final int CAPACITY = 64;
  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>(CAPACITY);
  private volatile boolean closed;

  /** Queues a frame; returns false if the client is closed or its queue is full. */
  boolean offer(byte[] frame) {
    return !closed && frames.offer(frame);
  }

  /** Ends the pump soon; frames still queued are dropped. */
  void close() {
    closed = true;
    if (!frames.offer(END)) {
      frames.clear();
      frames.offer(END);
    }
  }

  boolean isClosed() {
    return closed;
  }

  /**
   * Returns the next frame to write: a queued one, a ping after {@code heartbeatNanos} without
   * one, or null once the client is closed.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  byte[] next(long heartbeatNanos) throws InterruptedException {
    if (closed) {
      return null;
    }
    byte[] frame = frames.poll(heartbeatNanos, TimeUnit.NANOSECONDS);
    if (closed) {
      return null;
    }
    return frame == null ? SseFrames.PING : frame;
  }

  /**
   * Writes frames to {@code out} as they come (see {@link #next}) until the client is closed.
   *
   * @throws IOException if the connection fails (the browser went away)
   * @throws InterruptedException if the thread is interrupted
   */
  void pump(OutputStream out, long heartbeatNanos) throws IOException, InterruptedException {
    byte[] frame;
    while ((frame = next(heartbeatNanos)) != null) {
      out.write(frame);
      out.flush();
    }
  }
}
