package dev.apiplatform.server.pat.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One recording of {@code src/test/resources/actigraphy/} (written by
 * {@code src/test/python/actigraphy_fixtures.py} with pyActigraphy 1.2.2): input counts, known
 * structure and the reference's outputs.
 */
record ActigraphyFixture(String name, MinuteSeries series, JsonNode truth, JsonNode expected) {

  static final List<String> NAMES = List.of(
      "week_regular", "week_gaps", "week_offset_start", "four_weeks_weekend_shift", "week_arrhythmic");

  private static final ObjectMapper JSON = new ObjectMapper();

  static ActigraphyFixture load(String name) {
    try (InputStream in = ActigraphyFixture.class.getResourceAsStream("/actigraphy/" + name + ".json")) {
      if (in == null) {
        throw new IllegalStateException("fixture missing: " + name);
      }
      JsonNode doc = JSON.readTree(in);
      JsonNode countsNode = doc.get("counts");
      double[] counts = new double[countsNode.size()];
      for (int i = 0; i < counts.length; i++) {
        JsonNode c = countsNode.get(i);
        counts[i] = c.isNull() ? Double.NaN : c.asDouble();
      }
      MinuteSeries series = MinuteSeries.of(LocalDateTime.parse(doc.get("start").asText()), counts);
      return new ActigraphyFixture(name, series, doc.get("truth"), doc.get("expected"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean hasGaps() {
    return series.observedCount() < series.size();
  }

  /** The reference's per-epoch scores (1 = sleep), as stored. */
  byte[] expectedScores(String field) {
    String s = expected.get(field).asText();
    byte[] out = new byte[s.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (s.charAt(i) - '0');
    }
    return out;
  }

  /**
   * Epochs at least {@code margin} minutes away from the recording's edges and from any missing
   * minute: there the reference (which scores edges as wake and gaps as zero counts) and this
   * library (which leaves them unscored) see the same data and must agree.
   */
  boolean[] comparable(int margin) {
    int n = series.size();
    boolean[] out = new boolean[n];
    int lastMissing = -1_000_000;
    int[] nextMissing = new int[n];
    int next = 1_000_000_000;
    for (int i = n - 1; i >= 0; i--) {
      if (!series.isObserved(i)) {
        next = i;
      }
      nextMissing[i] = next;
    }
    for (int i = 0; i < n; i++) {
      if (!series.isObserved(i)) {
        lastMissing = i;
      }
      out[i] = i >= margin && i < n - margin && i - lastMissing > margin && nextMissing[i] - i > margin;
    }
    return out;
  }
}
