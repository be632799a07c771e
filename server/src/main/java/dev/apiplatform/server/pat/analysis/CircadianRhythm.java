package dev.apiplatform.server.pat.analysis;

/**
 * Seed 003's {@code circadian_rhythm}: the non-parametric variables and the cosinor fit. Either
 * part is null when the recording is too short or too sparse for it (IS/IV need at least two
 * complete hours of different clock times; the cosinor {@value Cosinor#MIN_OBSERVATIONS}
 * observed minutes).
 */
public record CircadianRhythm(NonParametricRhythm.Result nonParametric, Cosinor.Fit cosinor) {}
