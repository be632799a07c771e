package dev.apiplatform.server.healthkit;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;

/**
 * Which HealthKit types feed which health-data metric type, and into which field of its data
 * block, in health-data's units (the table of the contract's {@code HealthKitTypeCount}).
 * COGNITIVE_METRICS has no HealthKit source.
 */
final class HealthKitTypes {

  /**
   * @param block    {@code biometric_data}, {@code activity_data}, {@code mental_health_data}, {@code raw_data} or {@code sleep_data}
   * @param sum      the day's value is the sum of its samples (activity), else their mean
   * @param convert  (value, unit) to health-data's unit
   */
  record Feed(String metricType, String block, String field, boolean sum, ToDoubleBiFunction<Double, String> convert) {
    boolean sleep() {
      return block.equals("sleep_data");
    }
  }

  private static final String Q = "HKQuantityTypeIdentifier";
  private static final ToDoubleBiFunction<Double, String> SAME = (v, u) -> v;
  private static final Map<String, Feed> FEEDS = new HashMap<>();

  static {
    mean(Q + "HeartRate", "HEART_RATE", "heart_rate", SAME);
    mean(Q + "HeartRateVariabilitySDNN", "HEART_RATE_VARIABILITY", "heart_rate_variability", SAME);
    mean(Q + "BloodPressureSystolic", "BLOOD_PRESSURE", "systolic_bp", SAME);
    mean(Q + "BloodPressureDiastolic", "BLOOD_PRESSURE", "diastolic_bp", SAME);
    // HealthKit stores SpO2 as a share (0.97); health-data takes percent
    mean(Q + "OxygenSaturation", "BLOOD_OXYGEN", "oxygen_saturation", (v, u) -> v <= 1 ? v * 100 : v);
    mean(Q + "RespiratoryRate", "RESPIRATORY_RATE", "respiratory_rate", SAME);
    mean(Q + "BodyTemperature", "BODY_TEMPERATURE", "body_temperature",
        (v, u) -> u.equalsIgnoreCase("degF") ? (v - 32) * 5 / 9 : v);
    mean(Q + "BloodGlucose", "BLOOD_GLUCOSE", "blood_glucose",
        (v, u) -> u.toLowerCase(java.util.Locale.ROOT).startsWith("mmol") ? v * 18.016 : v);
    sum(Q + "StepCount", "steps", SAME);
    sum(Q + "DistanceWalkingRunning", "distance", (v, u) -> u.equalsIgnoreCase("km") ? v * 1000 : v);
    sum(Q + "ActiveEnergyBurned", "active_energy", SAME);
    sum(Q + "AppleExerciseTime", "exercise_minutes", SAME);
    sum(Q + "FlightsClimbed", "flights_climbed", SAME);
    FEEDS.put(Q + "VO2Max", new Feed("ACTIVITY_LEVEL", "activity_data", "vo2_max", false, SAME));
    // valence -1..1 onto health-data's 1..10 mood score
    FEEDS.put("HKStateOfMind", new Feed("MOOD_ASSESSMENT", "mental_health_data", "mood_score", false,
        (v, u) -> 1 + (Math.max(-1, Math.min(1, v)) + 1) * 4.5));
    FEEDS.put("HKCategoryTypeIdentifierMindfulSession", new Feed("STRESS_INDICATORS", "raw_data", "mindful_sessions",
        true, (v, u) -> 1));
    FEEDS.put(Q + "EnvironmentalAudioExposure", new Feed("ENVIRONMENTAL", "raw_data", "audio_exposure_db", false, SAME));
    FEEDS.put("HKCategoryTypeIdentifierSleepAnalysis", new Feed("SLEEP_ANALYSIS", "sleep_data", "", false, SAME));
  }

  private HealthKitTypes() {}

  private static void mean(String type, String metric, String field, ToDoubleBiFunction<Double, String> convert) {
    FEEDS.put(type, new Feed(metric, "biometric_data", field, false, convert));
  }

  private static void sum(String type, String field, ToDoubleBiFunction<Double, String> convert) {
    FEEDS.put(type, new Feed("ACTIVITY_LEVEL", "activity_data", field, true, convert));
  }

  /** The feed of a HealthKit type, or null when no metric type uses it. */
  static Feed feed(String type) {
    return FEEDS.get(type);
  }

  /** Whether the field's daily value is a sum (else a mean). */
  static boolean summed(String metricType, String field) {
    for (Feed f : FEEDS.values()) if (f.metricType().equals(metricType) && f.field().equals(field)) return f.sum();
    return false;
  }

  static String block(String metricType) {
    for (Feed f : FEEDS.values()) if (f.metricType().equals(metricType)) return f.block();
    throw new IllegalArgumentException(metricType);
  }
}
