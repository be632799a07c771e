package dev.apiplatform.server.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.api.model.BiometricDataDto;
import dev.apiplatform.server.api.model.HealthMetricDto;
import dev.apiplatform.server.api.model.HealthMetricTypeDto;
import dev.apiplatform.server.api.model.SleepDataDto;
import dev.apiplatform.server.api.model.StoredMetricDto;
import dev.apiplatform.server.domain.InvalidField;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The rules of a metric the schema cannot state without {@code oneOf}: each type carries its data
 * block (and, for biometric types, the measured field), pairs of values are ordered (diastolic
 * below systolic, sleep end after start), metric ids are unique in an upload, and free-form
 * objects have at most 50 members. Refusals name the field ({@code body.metrics[2].biometric_data}).
 */
final class MetricRules {

  /**
   * The contract's {@code x-max-json-chars} of {@code HealthDataUpload.metrics}: every metric of an
   * upload is stored in one item, and DynamoDB items hold 400 KB.
   */
  private final long maxUploadJsonChars;
  private static final int MAX_OPEN_MEMBERS = 50;

  /** Biometric types and the field that holds their measurement. */
  private static final Map<HealthMetricTypeDto, Function<BiometricDataDto, Object>> MEASURED = Map.of(
      HealthMetricTypeDto.HEART_RATE, BiometricDataDto::getHeartRate,
      HealthMetricTypeDto.HEART_RATE_VARIABILITY, BiometricDataDto::getHeartRateVariability,
      HealthMetricTypeDto.BLOOD_OXYGEN, BiometricDataDto::getOxygenSaturation,
      HealthMetricTypeDto.RESPIRATORY_RATE, BiometricDataDto::getRespiratoryRate,
      HealthMetricTypeDto.BODY_TEMPERATURE, BiometricDataDto::getBodyTemperature,
      HealthMetricTypeDto.BLOOD_GLUCOSE, BiometricDataDto::getBloodGlucose);
  private static final Set<HealthMetricTypeDto> MENTAL = Set.of(HealthMetricTypeDto.STRESS_INDICATORS,
      HealthMetricTypeDto.MOOD_ASSESSMENT, HealthMetricTypeDto.COGNITIVE_METRICS);

  private final ObjectMapper json;

  MetricRules(ObjectMapper json, long maxUploadJsonChars) {
    this.json = json;
    this.maxUploadJsonChars = maxUploadJsonChars;
  }

  /** The metrics as they will be listed, or the first refusal. */
  List<HealthUpload.StoredMetricJson> accept(List<HealthMetricDto> metrics, String processingId, String uploadSource,
      Instant clientTimestamp) {
    Set<String> ids = new HashSet<>();
    List<HealthUpload.StoredMetricJson> stored = new ArrayList<>();
    int chars = 0;
    for (int i = 0; i < metrics.size(); i++) {
      HealthMetricDto m = metrics.get(i);
      String at = "body.metrics[" + i + "]";
      check(at, m);
      String id = m.getMetricId() == null ? UUID.randomUUID().toString() : m.getMetricId().toLowerCase(Locale.ROOT);
      if (!ids.add(id)) throw new InvalidField(at + ".metric_id", "is used by another metric of this upload", "unique");
      Instant createdAt = m.getCreatedAt() == null ? clientTimestamp : m.getCreatedAt().toInstant();
      StoredMetricDto out = new StoredMetricDto(id, m.getMetricType(), processingId,
          createdAt.atOffset(java.time.ZoneOffset.UTC), uploadSource)
          .deviceId(m.getDeviceId()).biometricData(m.getBiometricData()).sleepData(m.getSleepData())
          .activityData(m.getActivityData()).mentalHealthData(m.getMentalHealthData())
          .rawData(m.getRawData()).metadata(m.getMetadata());
      String text = write(out);
      chars += text.length();
      stored.add(new HealthUpload.StoredMetricJson(id, m.getMetricType().toString(), createdAt, text));
    }
    if (chars > maxUploadJsonChars) {
      throw new InvalidField("body.metrics", "hold more than " + maxUploadJsonChars + " characters of JSON", "size");
    }
    return stored;
  }

  private static void check(String at, HealthMetricDto m) {
    HealthMetricTypeDto type = m.getMetricType();
    open(at + ".raw_data", m.getRawData());
    open(at + ".metadata", m.getMetadata());
    if (MEASURED.containsKey(type)) {
      BiometricDataDto b = required(at + ".biometric_data", m.getBiometricData(), type);
      if (MEASURED.get(type).apply(b) == null) {
        throw new InvalidField(at + ".biometric_data", "must carry the measurement of " + type.toString(), "required");
      }
    } else if (type == HealthMetricTypeDto.BLOOD_PRESSURE) {
      BiometricDataDto b = required(at + ".biometric_data", m.getBiometricData(), type);
      if (b.getSystolicBp() == null || b.getDiastolicBp() == null) {
        throw new InvalidField(at + ".biometric_data", "must carry systolic_bp and diastolic_bp", "required");
      }
      if (b.getDiastolicBp() >= b.getSystolicBp()) {
        throw new InvalidField(at + ".biometric_data.diastolic_bp", "must be below systolic_bp", "order");
      }
    } else if (type == HealthMetricTypeDto.SLEEP_ANALYSIS) {
      SleepDataDto s = required(at + ".sleep_data", m.getSleepData(), type);
      if (!s.getSleepEnd().isAfter(s.getSleepStart())) {
        throw new InvalidField(at + ".sleep_data.sleep_end", "must be after sleep_start", "order");
      }
    } else if (type == HealthMetricTypeDto.ACTIVITY_LEVEL) {
      required(at + ".activity_data", m.getActivityData(), type);
    } else if (MENTAL.contains(type)) {
      required(at + ".mental_health_data", m.getMentalHealthData(), type);
    } else if (type == HealthMetricTypeDto.ENVIRONMENTAL && (m.getRawData() == null || m.getRawData().isEmpty())) {
      throw new InvalidField(at + ".raw_data", "is required for ENVIRONMENTAL", "required");
    }
  }

  private static <T> T required(String field, T block, HealthMetricTypeDto type) {
    if (block == null) throw new InvalidField(field, "is required for " + type.toString(), "required");
    return block;
  }

  private static void open(String field, Map<String, Object> members) {
    if (members != null && members.size() > MAX_OPEN_MEMBERS) {
      throw new InvalidField(field, "must have at most " + MAX_OPEN_MEMBERS + " members", "maxProperties");
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Metric not serialisable", e);
    }
  }
}
