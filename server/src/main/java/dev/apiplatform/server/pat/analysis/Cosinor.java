package dev.apiplatform.server.pat.analysis;

/**
 * Single-component cosinor with a fixed 24-hour period, fitted by ordinary least squares on the
 * observed minutes (Cornelissen 2014, "Cosinor-based rhythmometry", Theor Biol Med Model 11:16,
 * doi:10.1186/1742-4682-11-16): {@code y(t) = M + A cos(2πt/1440 + φ)}, t in minutes after local
 * midnight of the first day, {@code A ≥ 0}, {@code φ} in [0, 2π) (pyActigraphy's parametrisation;
 * the peak is at {@code t = −φ·1440/2π} modulo a day).
 *
 * <p>The model is linear in {@code M, β = A cos φ, γ = −A sin φ}. Standard errors come from
 * {@code σ²(XᵀX)⁻¹} with {@code σ² = RSS/(n−3)}; those of A and φ by the delta method (the same
 * first-order covariance lmfit reports for the non-linear fit). Intervals are estimate ± 1.96 SE
 * (normal quantile: a fit needs at least {@value #MIN_OBSERVATIONS} observed minutes, where the
 * t quantile differs from it by under 0.3%). The acrophase interval is omitted when the
 * amplitude does not differ from zero ({@code A < 1.96 SE(A)}): the phase is then undefined.
 */
public final class Cosinor {

  public static final int MIN_OBSERVATIONS = 720;
  static final double PERIOD_MINUTES = MinuteSeries.MINUTES_PER_DAY;
  static final double Z95 = 1.959963984540054;

  public record Interval(double lower, double upper) {}

  /**
   * @param acrophaseMinute clock time of the fitted peak, minutes after local midnight
   * @param acrophaseInterval in radians, may run past 2π (it is an interval on a circle); null
   *     when the rhythm is not detected
   * @param rSquared share of the variance the cosine explains ("percent rhythm" / 100)
   */
  public record Fit(
      double mesor,
      double mesorStdErr,
      Interval mesorInterval,
      double amplitude,
      double amplitudeStdErr,
      Interval amplitudeInterval,
      double acrophase,
      double acrophaseStdErr,
      Interval acrophaseInterval,
      double acrophaseMinute,
      double rSquared,
      int observations) {}

  private Cosinor() {}

  /**
   * The fit, or {@code null} with fewer than {@link #MIN_OBSERVATIONS} observed minutes, constant
   * data, or observations covering too little of the day to separate the cosine from the sine.
   */
  public static Fit fit(MinuteSeries series) {
    if (series.observedCount() < MIN_OBSERVATIONS) {
      return null;
    }
    double[] v = series.values();
    double omega = 2 * Math.PI / PERIOD_MINUTES;
    int offset = series.minuteOfDay(0);
    // XᵀX and Xᵀy of the design [1, cos ωt, sin ωt], accumulated in one pass
    double n = 0, sc = 0, ss = 0, scc = 0, scs = 0, sss = 0, sy = 0, syc = 0, sys = 0, syy = 0;
    for (int i = 0; i < v.length; i++) {
      double y = v[i];
      if (Double.isNaN(y)) {
        continue;
      }
      double t = offset + i;
      double c = Math.cos(omega * t);
      double s = Math.sin(omega * t);
      n++;
      sc += c;
      ss += s;
      scc += c * c;
      scs += c * s;
      sss += s * s;
      sy += y;
      syc += y * c;
      sys += y * s;
      syy += y * y;
    }
    double[][] xtx = {{n, sc, ss}, {sc, scc, scs}, {ss, scs, sss}};
    double[][] inv = invert3(xtx);
    if (inv == null) {
      return null; // the observed minutes cover too little of the day to separate cos and sin
    }
    double[] xty = {sy, syc, sys};
    double[] b = multiply(inv, xty);
    double mesor = b[0];
    double beta = b[1];
    double gamma = b[2];
    // RSS = yᵀy − bᵀXᵀy for the least-squares b
    double rss = Math.max(0, syy - (b[0] * sy + b[1] * syc + b[2] * sys));
    double sigma2 = rss / (n - 3);
    double tss = syy - sy * sy / n;
    if (!(tss > 1e-12 * Math.max(1, syy))) {
      return null; // constant data: no rhythm, and no acrophase to speak of
    }
    double amplitude = Math.hypot(beta, gamma);
    double phase = Math.atan2(-gamma, beta);
    if (phase < 0) {
      phase += 2 * Math.PI;
    }
    double varBeta = sigma2 * inv[1][1];
    double varGamma = sigma2 * inv[2][2];
    double covBG = sigma2 * inv[1][2];
    double seMesor = Math.sqrt(sigma2 * inv[0][0]);
    double seAmp = amplitude == 0 ? Double.NaN : Math.sqrt(
        (beta * beta * varBeta + gamma * gamma * varGamma + 2 * beta * gamma * covBG)) / amplitude;
    double a2 = amplitude * amplitude;
    // dφ/dβ = γ/A², dφ/dγ = −β/A²
    double sePhase = amplitude == 0 ? Double.NaN : Math.sqrt(
        (gamma * gamma * varBeta + beta * beta * varGamma - 2 * beta * gamma * covBG)) / a2;
    boolean detected = amplitude > Z95 * seAmp;
    double peak = ((2 * Math.PI - phase) / omega) % PERIOD_MINUTES;
    return new Fit(
        mesor, seMesor, interval(mesor, seMesor),
        amplitude, seAmp, new Interval(Math.max(0, amplitude - Z95 * seAmp), amplitude + Z95 * seAmp),
        phase, sePhase, detected ? interval(phase, sePhase) : null,
        peak, 1 - rss / tss, (int) n);
  }

  private static Interval interval(double estimate, double se) {
    return new Interval(estimate - Z95 * se, estimate + Z95 * se);
  }

  private static double[] multiply(double[][] m, double[] x) {
    double[] out = new double[3];
    for (int r = 0; r < 3; r++) {
      out[r] = m[r][0] * x[0] + m[r][1] * x[1] + m[r][2] * x[2];
    }
    return out;
  }

  /** Inverse of a symmetric positive-definite 3×3 matrix by cofactors; null when singular. */
  static double[][] invert3(double[][] m) {
    double a = m[0][0], b = m[0][1], c = m[0][2];
    double d = m[1][0], e = m[1][1], f = m[1][2];
    double g = m[2][0], h = m[2][1], k = m[2][2];
    double co00 = e * k - f * h, co01 = -(d * k - f * g), co02 = d * h - e * g;
    double det = a * co00 + b * co01 + c * co02;
    if (!(Math.abs(det) > 1e-9 * Math.abs(a * e * k))) {
      return null;
    }
    return new double[][] {
      {co00 / det, -(b * k - c * h) / det, (b * f - c * e) / det},
      {co01 / det, (a * k - c * g) / det, -(a * f - c * d) / det},
      {co02 / det, -(a * h - b * g) / det, (a * e - b * d) / det}
    };
  }
}
