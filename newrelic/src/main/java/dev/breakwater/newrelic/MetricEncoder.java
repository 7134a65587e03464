package dev.breakwater.newrelic;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Encodes metrics in the Metric API's format, {@code [{"common":{"attributes":{...}},"metrics":[...]}]},
 * gzipped, at most {@code maxMetrics} per payload and under the byte limit (halving a batch that
 * comes out too large). Thread-safe.
 */
final class MetricEncoder implements PayloadCodec<Metric> {
  private static final JsonFactory JSON = new JsonFactory();

  private final Map<String, Object> common;
  private final int maxMetrics;
  private final int maxBytes;

  MetricEncoder(Map<String, Object> common, int maxMetrics, int maxBytes) {
    this.common = Map.copyOf(common);
    this.maxMetrics = maxMetrics;
    this.maxBytes = maxBytes;
  }

  @Override
  public List<Payload<Metric>> encode(List<? extends Metric> metrics, List<Metric> tooLarge) {
    List<Payload<Metric>> payloads = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i += maxMetrics) {
      fit(List.copyOf(metrics.subList(i, Math.min(metrics.size(), i + maxMetrics))), payloads, tooLarge);
    }
    return payloads;
  }

  private void fit(List<Metric> batch, List<Payload<Metric>> payloads, List<Metric> tooLarge) {
    byte[] bytes = gzipped(batch);
    if (bytes.length <= maxBytes) {
      payloads.add(new Payload<>(batch, bytes));
    } else if (batch.size() == 1) {
      tooLarge.add(batch.get(0));
    } else {
      int mid = batch.size() / 2;
      fit(batch.subList(0, mid), payloads, tooLarge);
      fit(batch.subList(mid, batch.size()), payloads, tooLarge);
    }
  }

  private byte[] gzipped(List<Metric> batch) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4 * 1024);
    try (GzipWriter gzip = GzipWriter.start(out)) {
      write(batch, gzip);
    } catch (IOException e) {
      throw new UncheckedIOException("encoding metrics in memory failed", e);
    }
    return out.toByteArray();
  }

  @Override
  public String toJson(List<? extends Metric> metrics) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(metrics, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private void write(List<? extends Metric> metrics, OutputStream out) throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.writeStartArray();
      json.writeStartObject();
      json.writeObjectFieldStart("common");
      json.writeFieldName("attributes");
      attributes(json, common);
      json.writeEndObject();
      json.writeArrayFieldStart("metrics");
      for (Metric m : metrics) {
        json.writeStartObject();
        json.writeStringField("name", m.name());
        json.writeStringField("type", m.type().name().toLowerCase(java.util.Locale.ROOT));
        if (m.type() == Metric.Type.SUMMARY) {
          json.writeObjectFieldStart("value");
          json.writeNumberField("count", m.summaryCount());
          json.writeNumberField("sum", m.summarySum());
          json.writeNumberField("min", m.summaryMin());
          json.writeNumberField("max", m.summaryMax());
          json.writeEndObject();
        } else {
          json.writeNumberField("value", m.value());
        }
        json.writeNumberField("timestamp", m.timestamp());
        if (m.type() != Metric.Type.GAUGE) {
          json.writeNumberField("interval.ms", m.intervalMillis());
        }
        json.writeFieldName("attributes");
        attributes(json, m.attributes());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndArray();
    }
  }

  private static void attributes(JsonGenerator json, Map<String, ?> attributes) throws IOException {
    json.writeStartObject();
    for (Map.Entry<String, ?> e : attributes.entrySet()) {
      json.writeFieldName(e.getKey());
      Object v = e.getValue();
      if (v instanceof String) {
        json.writeString((String) v);
      } else if (v instanceof Boolean) {
        json.writeBoolean((Boolean) v);
      } else if (v instanceof Double || v instanceof Float) {
        json.writeNumber(((Number) v).doubleValue());
      } else if (v instanceof BigDecimal) {
        json.writeNumber((BigDecimal) v);
      } else if (v instanceof BigInteger) {
        json.writeNumber((BigInteger) v);
      } else {
        json.writeNumber(((Number) v).longValue());
      }
    }
    json.writeEndObject();
  }
}
