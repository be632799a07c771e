package dev.apiplatform.server.pat.analysis;

/**
 * A learned actigraphy encoder, such as seed 003's Pretrained Actigraphy Transformer (PAT-S/M/L),
 * loaded from a configured path (e.g. an ONNX export run by ONNX Runtime). None ships: its
 * weights are not available here and none are invented. Until an implementation is configured,
 * {@link ModelInfo} says so and {@code feature_embeddings} holds {@link FeatureVector}'s
 * hand-defined features.
 */
public interface ActigraphyEncoder {

  /** Model name and version as {@code GET /api/v1/pat/models/info} shows it. */
  String modelName();

  /** Where the weights were loaded from (a path or URI; never a secret). */
  String source();

  /** Embedding of the series; the encoder defines its own input window and length. */
  float[] encode(MinuteSeries series);
}
