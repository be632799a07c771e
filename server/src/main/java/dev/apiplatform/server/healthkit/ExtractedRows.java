package dev.apiplatform.server.healthkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apiplatform.server.api.model.StoredMetricDto;
import dev.apiplatform.server.health.HealthUpload;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Turns an {@link Extraction} into health-data metrics ({@code StoredMetric} as listed) and the
 * upload's {@code HealthKitExtract}. Each metric is checked against the contract's ranges by
 * the generated model's own constraints, so the plausible ranges live in one place
 * (health-data.yaml): a day outside them is skipped, never stored. Ids are derived from the upload,
 * type and day, so a redelivered job writes the same items again.
 */
final class ExtractedRows {

  static final String UPLOAD_SOURCE = "healthkit";
  private static final Set<String> INTEGER_FIELDS = Set.of("steps", "exercise_minutes", "flights_climbed",
      "mood_score");
  private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
      .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

  record Rows(List<HealthUpload.StoredMetricJson> metrics, int skipped) {}

  private final ObjectMapper json;

  ExtractedRows(ObjectMapper json) {
    this.json = json;
  }

  Rows metrics(String uploadId, Extraction x) {
    List<HealthUpload.StoredMetricJson> out = new ArrayList<>();
    int skipped = 0;
    for (Map.Entry<Extraction.CellKey, Extraction.Cell> e : x.cells.entrySet()) {
      String type = e.getKey().metricType();
      Instant at = e.getKey().day().atStartOfDay(ZoneOffset.UTC).toInstant();
      String id = UUID.nameUUIDFromBytes((uploadId + "|" + type + "|" + e.getKey().day())
          .getBytes(StandardCharsets.UTF_8)).toString();
      ObjectNode m = json.createObjectNode().put("metric_id", id).put("metric_type", type)
          .put("processing_id", uploadId).put("created_at", at.toString()).put("upload_source", UPLOAD_SOURCE);
      if (!block(m, type, e.getValue())) {
        skipped++;
        continue;
      }
      try {
        StoredMetricDto dto = json.treeToValue(m, StoredMetricDto.class);
        if (!VALIDATOR.validate(dto).isEmpty()) {
          skipped++;
          continue;
        }
        out.add(new HealthUpload.StoredMetricJson(id, type, at, json.writeValueAsString(dto)));
      } catch (JsonProcessingException ex) {
        skipped++; // a value the model cannot hold (an int field past int32) is out of range too
      }
    }
    return new Rows(out, skipped);
  }

  /** Fills the data block; false when the day has no usable value (blood pressure missing a half). */
  private boolean block(ObjectNode m, String type, Extraction.Cell cell) {
    String block = HealthKitTypes.block(type);
    if (block.equals("sleep_data")) {
      long span = Duration.between(cell.sleepStart, cell.sleepEnd).toMinutes();
      if (span <= 0) return false;
      long asleep = Math.round(cell.asleepMinutes);
      m.putObject("sleep_data").put("total_sleep_minutes", asleep).put("sleep_start", cell.sleepStart.toString())
          .put("sleep_end", cell.sleepEnd.toString()).put("wake_count", cell.awakenings)
          .put("sleep_efficiency", Math.min(1.0, round(asleep / (double) span, 3)));
      return true;
    }
    ObjectNode data = m.putObject(block);
    for (Map.Entry<String, double[]> f : cell.fields.entrySet()) {
      double[] acc = f.getValue();
      double value = HealthKitTypes.summed(type, f.getKey()) ? acc[0] : acc[0] / acc[1];
      if (INTEGER_FIELDS.contains(f.getKey())) data.put(f.getKey(), Math.round(value));
      else data.put(f.getKey(), round(value, 2));
    }
    if (type.equals("BLOOD_PRESSURE")) {
      if (!data.has("systolic_bp") || !data.has("diastolic_bp")) return false;
      return data.get("diastolic_bp").asDouble() < data.get("systolic_bp").asDouble();
    }
    return !data.isEmpty();
  }

  private static double round(double v, int places) {
    double scale = Math.pow(10, places);
    return Math.round(v * scale) / scale;
  }

  /** The upload's {@code HealthKitExtract}, as JSON text for its job record. */
  String extract(Extraction x, long bytes, Rows rows) throws JsonProcessingException {
    ObjectNode r = json.createObjectNode().put("samples", x.samples).put("bytes", bytes)
        .put("metrics_written", rows.metrics().size()).put("metrics_skipped", rows.skipped())
        .put("samples_unused", x.samplesUnused).put("total_steps", round(x.totalSteps, 2));
    Set<String> types = new TreeSet<>();
    rows.metrics().forEach(m -> types.add(m.metricType()));
    types.forEach(r.putArray("metric_types")::add);
    var counts = r.putArray("type_counts");
    new java.util.TreeMap<>(x.typeCounts).forEach((type, n) -> {
      ObjectNode c = counts.addObject().put("type", type);
      HealthKitTypes.Feed feed = HealthKitTypes.feed(type);
      if (feed != null) c.put("metric_type", feed.metricType());
      c.put("samples", n[0]);
    });
    var daily = r.putArray("daily_steps");
    x.dailySteps.forEach((day, steps) -> daily.addObject().put("date", day.toString()).put("steps", round(steps, 2)));
    return json.writeValueAsString(r);
  }
}
