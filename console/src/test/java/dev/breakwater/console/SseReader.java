package dev.breakwater.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events client for tests, parsing the stream as the HTML standard says (event,
 * data, retry, comments, a blank line dispatches), on its own thread. Thread-safe.
 */
final class SseReader implements AutoCloseable {
  /** One dispatched event. */
  record Event(String name, String data, long receivedAtNanos) {}

  private static final Event END = new Event("", "", 0);

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final List<String> retries = new CopyOnWriteArrayList<>();
  private final List<String> dataLines = new CopyOnWriteArrayList<>();
  private final Thread thread;

  private SseReader(HttpResponse<InputStream> response) {
    this.response = response;
    this.thread = new Thread(this::read, "sse-reader");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  static SseReader open(HttpClient client, URI console) throws IOException, InterruptedException {
    HttpResponse<InputStream> response = client.send(
        HttpRequest.newBuilder(console.resolve("api/stream")).header("Accept", "text/event-stream")
            .build(), HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      throw new IOException("stream answered " + response.statusCode());
    }
    return new SseReader(response);
  }

  HttpResponse<InputStream> response() {
    return response;
  }

  /** The next event, or null if none came within {@code timeout} or the stream ended. */
  Event next(Duration timeout) throws InterruptedException {
    Event event = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (event == END) {
      events.offer(END);
      return null;
    }
    return event;
  }

  /** The next event named {@code name}, skipping others; null if none came within {@code timeout}. */
  Event next(String name, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (;;) {
      long left = deadline - System.nanoTime();
      Event event = left <= 0 ? null : next(Duration.ofNanos(left));
      if (event == null || event.name().equals(name)) {
        return event;
      }
    }
  }

  /** Whether the server ended the stream within {@code timeout}. */
  boolean endsWithin(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (;;) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      Event event = events.poll(left, TimeUnit.NANOSECONDS);
      if (event == END) {
        events.offer(END);
        return true;
      }
    }
  }

  List<String> retries() {
    return retries;
  }

  /** Every data line received, to check that each is one whole JSON text. */
  List<String> dataLines() {
    return dataLines;
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String name = "message";
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            events.offer(new Event(name, data.toString(), System.nanoTime()));
          }
          name = "message";
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          name = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          String value = line.substring(5).stripLeading();
          dataLines.add(value);
          data.append(data.length() > 0 ? "\n" : "").append(value);
        } else if (line.startsWith("retry:")) {
          retries.add(line.substring(6).strip());
        }
      }
    } catch (IOException closed) {
      // the stream ended or was closed by the test
    } finally {
      events.offer(END);
    }
  }

  @Override
  public void close() throws IOException {
    response.body().close();
  }
}
