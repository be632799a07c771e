/**
 * Actigraphy analysis for seed 003's PAT endpoints (issue 12), as a plain library: no HTTP, JSON
 * or AWS types, so {@code POST /api/v1/pat/analyze}, {@code analyze-step-data}, the job path and
 * {@code GET /api/v1/pat/models/info} can all call it.
 *
 * <h2>Wiring</h2>
 *
 * <pre>{@code
 * // POST /api/v1/pat/analyze (ActigraphyInput: data_points, sampling_rate per minute)
 * MinuteSeries s = MinuteResampler.forEpochs(zone).resample(MinuteResampler.epochs(timestamps, values, rate));
 * ActigraphyAnalysis a = new ActigraphyAnalyzer().analyze(s);
 * // POST /api/v1/pat/analyze-step-data (HealthKit step samples: start, end, quantity, source)
 * MinuteSeries steps = MinuteResampler.forSteps(zone).resample(samples);
 * ActigraphyAnalysis b = new ActigraphyAnalyzer().analyze(steps, ActigraphyAnalyzer.Options.forSteps());
 * // GET /api/v1/pat/models/info
 * ModelInfo info = ModelInfo.describe(Optional.empty());
 * }</pre>
 *
 * Bad input ends in {@link java.lang.IllegalArgumentException} (negative or non-finite values, a
 * sample ending before it starts, a span over {@link MinuteResampler#MAX_MINUTES}): the HTTP
 * layer turns it into a 400/422 problem. Variables that a recording cannot support are null,
 * never NaN.
 *
 * <h2>Methods and variants</h2>
 *
 * Each class names its paper; {@link ModelInfo#METHODS} repeats them for the API. Where
 * pyActigraphy 1.2.2 (the fixtures' reference) reads a paper differently:
 *
 * <ul>
 *   <li>Sadeh: the paper's NAT ({@code 50 ≤ x < 100}) and logAct of the scored epoch by default;
 *       {@link Sadeh.Variant#PYACTIGRAPHY_1_2_2} reproduces {@code 50 < x < 100} and the next
 *       epoch's logAct.
 *   <li>IS/IV: the paper's population variances by default;
 *       {@link NonParametricRhythm.Convention#PYACTIGRAPHY_1_2_2} reproduces pandas' n−1.
 *   <li>Cole–Kripke, Webster, L5/M10/RA, cosinor: pyActigraphy's reading is followed (minute sums
 *       / 30 for the paper's mean activity; rules on the original scores, rule d with 10 minutes;
 *       minute-resolution average day; the same cosine parametrisation).
 *   <li>Edges and gaps: pyActigraphy scores edges as wake and (for Cole–Kripke) gaps as zero
 *       activity; here those epochs are unscored and never counted as sleep or wake.
 * </ul>
 *
 * <h2>Fixtures</h2>
 *
 * {@code server/src/test/python/actigraphy_fixtures.py} (run by hand, see its docstring) writes
 * {@code server/src/test/resources/actigraphy/*.json}; {@code PyActigraphyReferenceTest} compares.
 */
package dev.apiplatform.server.pat.analysis;
