package dev.apiplatform.server.healthkit;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What processing takes from an export, sample by sample in bounded memory: per metric type and
 * UTC day one cell (the day's mean of a measurement, the day's sum of an activity, the night's
 * span for sleep), the daily steps, and a count per HealthKit type. At most {@link #MAX_CELLS}
 * cells and {@link #MAX_TYPES} listed types per export: a hostile export cannot grow either
 * without bound (the samples beyond are counted in {@code samplesUnused}).
 */
final class Extraction implements ExportRules.Sink {

  static final int MAX_CELLS = 10_000;
  static final int MAX_TYPES = 100;

  /** One metric type on one day: sums and counts per field of its data block. */
  static final class Cell {
    final Map<String, double[]> fields = new TreeMap<>(); // field -> {sum, count}
    java.time.Instant sleepStart;
    java.time.Instant sleepEnd;
    double asleepMinutes;
    int awakenings;

    void add(String field, double value) {
      double[] acc = fields.computeIfAbsent(field, f -> new double[2]);
      acc[0] += value;
      acc[1]++;
    }
  }

  record CellKey(String metricType, LocalDate day) implements Comparable<CellKey> {
    @Override
    public int compareTo(CellKey o) {
      int byDay = day.compareTo(o.day);
      return byDay != 0 ? byDay : metricType.compareTo(o.metricType);
    }
  }

  final Map<CellKey, Cell> cells = new TreeMap<>();
  final Map<String, long[]> typeCounts = new HashMap<>();
  final Map<LocalDate, Double> dailySteps = new TreeMap<>();
  long samples;
  long samplesUnused;
  double totalSteps;

  @Override
  public void sample(ExportRules.Sample s) {
    samples++;
    long[] count = typeCounts.get(s.type());
    if (count == null && typeCounts.size() < MAX_TYPES) typeCounts.put(s.type(), count = new long[1]);
    if (count != null) count[0]++;
    HealthKitTypes.Feed feed = HealthKitTypes.feed(s.type());
    if (feed == null) {
      samplesUnused++;
      return;
    }
    // a night belongs to the day it ends: sleep samples are grouped noon to noon
    LocalDate day = (feed.sleep() ? s.start().plus(Duration.ofHours(12)) : s.start()).atOffset(ZoneOffset.UTC)
        .toLocalDate();
    CellKey key = new CellKey(feed.metricType(), day);
    Cell cell = cells.get(key);
    if (cell == null) {
      if (cells.size() >= MAX_CELLS) {
        samplesUnused++;
        return;
      }
      cells.put(key, cell = new Cell());
    }
    if (feed.sleep()) {
      sleep(cell, s);
      return;
    }
    double value = feed.convert().applyAsDouble(s.value(), s.unit() == null ? "" : s.unit());
    cell.add(feed.field(), value);
    if (feed.field().equals("steps")) {
      totalSteps += value;
      dailySteps.merge(day, value, Double::sum);
    }
  }

  /** HealthKit's sleep codes: 0 in bed, 1 asleep (unspecified), 2 awake, 3 core, 4 deep, 5 REM. */
  private static void sleep(Cell cell, ExportRules.Sample s) {
    int code = (int) s.value();
    if (cell.sleepStart == null || s.start().isBefore(cell.sleepStart)) cell.sleepStart = s.start();
    if (cell.sleepEnd == null || s.end().isAfter(cell.sleepEnd)) cell.sleepEnd = s.end();
    if (code == 1 || code == 3 || code == 4 || code == 5) {
      cell.asleepMinutes += Duration.between(s.start(), s.end()).toSeconds() / 60.0;
    } else if (code == 2) {
      cell.awakenings++;
    }
  }
}
