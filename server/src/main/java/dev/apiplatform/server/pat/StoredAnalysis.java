package dev.apiplatform.server.pat;

import java.time.Instant;

/**
 * One analysis as stored for its owner. {@code analysisJson} is the wire form of the
 * {@code ActigraphyAnalysis} schema (written once by {@link AnalysisJson}), so answering it again
 * never re-runs or re-maps the analysis.
 */
public record StoredAnalysis(String userId, String processingId, InputType inputType, Instant createdAt,
    String analysisJson) {

  /** The contract's {@code input_type}. */
  public enum InputType {
    ACTIGRAPHY("actigraphy"),
    STEP_DATA("step_data");

    private final String wire;

    InputType(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    static InputType fromWire(String s) {
      for (InputType t : values()) {
        if (t.wire.equals(s)) return t;
      }
      throw new IllegalArgumentException("unknown input type " + s);
    }
  }
}
