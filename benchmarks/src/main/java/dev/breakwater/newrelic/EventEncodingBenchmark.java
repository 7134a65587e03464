package dev.breakwater.newrelic;

import com.newrelic.telemetry.Attributes;
import com.newrelic.telemetry.events.Event;
import com.newrelic.telemetry.events.EventBatch;
import com.newrelic.telemetry.events.json.EventBatchMarshaller;
import com.newrelic.telemetry.transport.BatchDataSender;
import java.lang.reflect.Method;
import java.net.URL;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One payload of 1000 events, from each library's own event representation to the gzipped bytes
 * it puts on the wire: Breakwater validates every event and streams JSON into the compressor; the
 * telemetry SDK marshals the batch to a String and gzips its bytes (its own private method, called
 * reflectively so that exactly its code runs). Each library's gzip alone, of its own JSON, is
 * the floor under it. Events per second = ops per second × 1000. Lives in
 * Breakwater's package to reach the encoder the client uses.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class EventEncodingBenchmark {
  public static final int EVENTS = 1000;

  private List<Map<String, ?>> maps;
  private EventBatch batch;
  private EventValidator validator;
  private EventEncoder encoder;
  private EventBatchMarshaller marshaller;
  private BatchDataSender sdkSender;
  private Method sdkCompress;
  private byte[] json;
  private byte[] breakwaterJson;

  /** Representative events: an entity with a dozen string, number and boolean attributes. */
  public static List<Map<String, ?>> sampleEvents(long now) {
    List<Map<String, ?>> events = new ArrayList<>(EVENTS);
    for (int i = 0; i < EVENTS; i++) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("eventType", "MessageQueueBroker");
      e.put("timestamp", now + i);
      e.put("name", "broker-" + (i % 50));
      e.put("cluster", "cluster-" + (i % 5));
      e.put("region", i % 2 == 0 ? "us-east-1" : "eu-west-1");
      e.put("topicCount", 10 + i % 30);
      e.put("partitionCount", 100 + i % 300);
      e.put("messagesInPerSecond", 1234.5 + i);
      e.put("bytesInPerSecond", 987654.25 + i * 3);
      e.put("underReplicatedPartitions", i % 7);
      e.put("healthy", i % 11 != 0);
      e.put("version", "3.7.1");
      events.add(e);
    }
    return events;
  }

  /** The same events as the telemetry SDK models them. */
  public static EventBatch sdkBatch(List<Map<String, ?>> events) {
    List<Event> sdk = new ArrayList<>(events.size());
    for (Map<String, ?> e : events) {
      Attributes a = new Attributes();
      for (Map.Entry<String, ?> attr : e.entrySet()) {
        String k = attr.getKey();
        Object v = attr.getValue();
        if (k.equals("eventType") || k.equals("timestamp")) {
          continue;
        }
        if (v instanceof String) {
          a.put(k, (String) v);
        } else if (v instanceof Boolean) {
          a.put(k, (Boolean) v);
        } else {
          a.put(k, (Number) v);
        }
      }
      sdk.add(new Event((String) e.get("eventType"), a, (Long) e.get("timestamp")));
    }
    return new EventBatch(sdk);
  }

  @Setup
  public void setUp() throws Exception {
    maps = sampleEvents(System.currentTimeMillis());
    batch = sdkBatch(maps);
    validator = new EventValidator(Clock.systemUTC());
    encoder = new EventEncoder(1000, 1_000_000);
    marshaller = new EventBatchMarshaller();
    sdkSender = new BatchDataSender((url, headers, body, mediaType) -> null, "unused",
        new URL("http://127.0.0.1:1/v1/accounts/events"), false, null);
    sdkCompress = BatchDataSender.class.getDeclaredMethod("compressJson", String.class);
    sdkCompress.setAccessible(true);
    json = marshaller.toJson(batch).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    breakwaterJson = EventEncoder.json(maps).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Breakwater's bytes on the wire for the sample (for the size comparison). */
  public byte[] breakwaterBytes() {
    return breakwaterEncode();
  }

  /** The SDK's bytes on the wire for the sample. */
  public byte[] telemetrySdkBytes() throws Exception {
    return telemetrySdkEncode();
  }

  /**
   * The floor the SDK stands on: gzip alone (JDK zlib, default level and strategy, as the SDK uses)
   * of the SDK's JSON for the sample, already encoded.
   */
  @Benchmark
  public byte[] gzipOnly() throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(32 * 1024);
    try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out, 16 * 1024)) {
      gzip.write(json);
    }
    return out.toByteArray();
  }

  /**
   * The floor Breakwater stands on: its own gzip writer (reused deflater, its level and strategy)
   * alone, on Breakwater's JSON for the sample, already encoded.
   */
  @Benchmark
  public byte[] breakwaterGzipOnly() throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(16 * 1024);
    try (GzipWriter gzip = GzipWriter.start(out)) {
      gzip.write(breakwaterJson, 0, breakwaterJson.length);
    }
    return out.toByteArray();
  }

  /**
   * Compressed size of the SDK's JSON for the sample at each deflate level 1..9 with zlib's default
   * strategy (as the SDK compresses), for the report.
   */
  public int[] sizesByLevel() {
    return sizesByLevel(json, java.util.zip.Deflater.DEFAULT_STRATEGY);
  }

  /**
   * Compressed size of Breakwater's JSON for the sample at each deflate level 1..9 with the
   * strategy Breakwater compresses with, for the report.
   */
  public int[] breakwaterSizesByLevel() {
    return sizesByLevel(breakwaterJson, GzipWriter.STRATEGY);
  }

  /** The level Breakwater compresses at. */
  public static int breakwaterLevel() {
    return GzipWriter.LEVEL;
  }

  /** The name of zlib's strategy Breakwater compresses with. */
  public static String breakwaterStrategy() {
    switch (GzipWriter.STRATEGY) {
      case java.util.zip.Deflater.FILTERED: return "filtered";
      case java.util.zip.Deflater.HUFFMAN_ONLY: return "Huffman-only";
      default: return "default";
    }
  }

  private static int[] sizesByLevel(byte[] json, int strategy) {
    int[] sizes = new int[10];
    for (int level = 1; level <= 9; level++) {
      java.util.zip.Deflater d = new java.util.zip.Deflater(level, true);
      d.setStrategy(strategy);
      d.setInput(json);
      d.finish();
      byte[] buffer = new byte[json.length + 1024];
      int size = 18; // gzip header and trailer
      while (!d.finished()) { // the first call may only apply the strategy
        size += d.deflate(buffer);
      }
      sizes[level] = size;
      d.end();
    }
    return sizes;
  }

  @Benchmark
  public byte[] breakwaterEncode() {
    for (Map<String, ?> e : maps) {
      if (validator.problem(e) != null) {
        throw new IllegalStateException("sample event invalid");
      }
    }
    return encoder.encode(maps, new ArrayList<>()).get(0).gzipped();
  }

  @Benchmark
  public byte[] telemetrySdkEncode() throws Exception {
    return (byte[]) sdkCompress.invoke(sdkSender, marshaller.toJson(batch));
  }
}
