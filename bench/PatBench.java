import dev.apiplatform.server.pat.analysis.ActigraphyAnalysis;
import dev.apiplatform.server.pat.analysis.ActigraphyAnalyzer;
import dev.apiplatform.server.pat.analysis.ColeKripke;
import dev.apiplatform.server.pat.analysis.Cosinor;
import dev.apiplatform.server.pat.analysis.MinuteResampler;
import dev.apiplatform.server.pat.analysis.MinuteSeries;
import dev.apiplatform.server.pat.analysis.NonParametricRhythm;
import dev.apiplatform.server.pat.analysis.Sadeh;
import dev.apiplatform.server.pat.analysis.TimedSample;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * How long the PAT analysis takes for 1 and 4 weeks of minute data, without HTTP, JSON or
 * stores: {@code ActigraphyAnalyzer.analyze} as a whole (both scorers, sleep variables, IS/IV/L5/
 * M10/RA, cosinor, non-wear, features, confidence) and its main stages, plus the HealthKit step
 * resampler for a week of samples. A plain loop, no JMH: warm up for WARMUP_MS, then RUNS timed
 * runs of RUN_MS each; prints the median (and min/max over runs) in ms per operation.
 *
 * <p>Input: synthetic counts (seeded): quiet nights 23:00-07:00 with awakenings, active days,
 * and for the "with gaps" row 5% of minutes missing in 3-hour blocks.
 *
 * <pre>java -cp server/target/classes bench/PatBench.java [WARMUP_MS RUN_MS RUNS]</pre>
 *
 * Last stdout line, for scripts: {@code PATBENCH week_ms=... four_weeks_ms=...}
 */
public class PatBench {

  private static volatile Object sink; // keeps results alive so the JIT cannot drop the work

  public static void main(String[] args) {
    long warmupMs = args.length > 0 ? Long.parseLong(args[0]) : 3000;
    long runMs = args.length > 1 ? Long.parseLong(args[1]) : 1000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;

    var rt = ManagementFactory.getRuntimeMXBean();
    System.out.printf("PAT analysis bench: %s %s (%s), %d cores, max heap %d MiB%n",
        rt.getVmName(), rt.getVmVersion(), System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    System.out.println("JVM flags: " + (rt.getInputArguments().isEmpty() ? "(none)" : String.join(" ", rt.getInputArguments())));
    System.out.printf("warm-up %d ms, %d runs x %d ms per row; ms/op: median [min..max] of the runs%n", warmupMs, runs, runMs);

    MinuteSeries week = synthetic(7, 1, 0);
    MinuteSeries fourWeeks = synthetic(28, 2, 0);
    MinuteSeries weekGaps = synthetic(7, 3, 0.05);
    List<TimedSample> steps = stepWeek(4);
    ActigraphyAnalyzer analyzer = new ActigraphyAnalyzer();

    double weekMs = row("analyze, 1 week (10,080 min)", () -> analyzer.analyze(week), warmupMs, runMs, runs);
    double fourMs = row("analyze, 4 weeks (40,320 min)", () -> analyzer.analyze(fourWeeks), warmupMs, runMs, runs);
    row("analyze, 1 week, 5% missing", () -> analyzer.analyze(weekGaps), warmupMs, runMs, runs);
    row("  stage: Cole-Kripke + Webster, 4 weeks", () -> ColeKripke.scoreAndRescore(fourWeeks), warmupMs, runMs, runs);
    row("  stage: Sadeh, 4 weeks", () -> Sadeh.score(fourWeeks), warmupMs, runMs, runs);
    row("  stage: IS/IV/L5/M10/RA, 4 weeks", () -> NonParametricRhythm.compute(fourWeeks), warmupMs, runMs, runs);
    row("  stage: cosinor, 4 weeks", () -> Cosinor.fit(fourWeeks), warmupMs, runMs, runs);
    MinuteResampler resampler = MinuteResampler.forSteps(ZoneId.of("Europe/Paris"));
    row("resample " + steps.size() + " step samples (1 week)", () -> resampler.resample(steps), warmupMs, runMs, runs);
    MinuteSeries stepSeries = resampler.resample(steps);
    row("analyze step data, 1 week", () -> analyzer.analyze(stepSeries, ActigraphyAnalyzer.Options.forSteps()),
        warmupMs, runMs, runs);

    ActigraphyAnalysis a = analyzer.analyze(week);
    System.out.printf("sanity (1 week): nights=%d, mean TST=%.0f min, IS=%.3f, acrophase %02d:%02d%n",
        a.sleepMetrics().nights(), a.sleepMetrics().meanTotalSleepMinutes(),
        a.circadianRhythm().nonParametric().interdailyStability(),
        (int) a.circadianRhythm().cosinor().acrophaseMinute() / 60, (int) a.circadianRhythm().cosinor().acrophaseMinute() % 60);
    System.out.printf("PATBENCH week_ms=%.3f four_weeks_ms=%.3f%n", weekMs, fourMs);
  }

  private static double row(String label, Supplier<Object> op, long warmupMs, long runMs, int runs) {
    long end = System.nanoTime() + warmupMs * 1_000_000;
    while (System.nanoTime() < end) {
      sink = op.get();
    }
    double[] perOp = new double[runs];
    for (int r = 0; r < runs; r++) {
      long n = 0;
      long start = System.nanoTime();
      long stop = start + runMs * 1_000_000;
      long now;
      do {
        sink = op.get();
        n++;
        now = System.nanoTime();
      } while (now < stop);
      perOp[r] = (now - start) / 1e6 / n;
    }
    double[] sorted = perOp.clone();
    Arrays.sort(sorted);
    double median = sorted[runs / 2];
    System.out.printf("  %-44s %9.3f ms/op  [%.3f..%.3f]%n", label, median, sorted[0], sorted[runs - 1]);
    return median;
  }

  /** Minute counts: nights 23:00-07:00 mostly still with 3 awakenings, days negative-binomial-like. */
  static MinuteSeries synthetic(int days, long seed, double missingShare) {
    Random rng = new Random(seed);
    double[] c = new double[days * 1440];
    for (int i = 0; i < c.length; i++) {
      int m = i % 1440;
      boolean night = m >= 23 * 60 || m < 7 * 60;
      if (night) {
        c[i] = rng.nextDouble() < 0.8 ? 0 : rng.nextInt(40);
      } else {
        double mean = 220 * Math.max(0.45, 0.55 + 0.45 * Math.cos(2 * Math.PI * (m - 660) / 1440.0));
        c[i] = Math.floor(-mean * Math.log(1 - rng.nextDouble())); // exponential, mean `mean`
      }
    }
    for (int d = 0; d < days; d++) {
      for (int k = 0; k < 3; k++) {
        int s = d * 1440 + 23 * 60 + 30 + rng.nextInt(6 * 60);
        for (int j = s; j < Math.min(c.length, s + 2 + rng.nextInt(18)); j++) {
          c[j] = 60 + rng.nextInt(340);
        }
      }
    }
    int blocks = (int) Math.round(missingShare * c.length / 180);
    for (int b = 0; b < blocks; b++) {
      int s = rng.nextInt(c.length - 180);
      Arrays.fill(c, s, s + 180, Double.NaN);
    }
    return MinuteSeries.of(LocalDateTime.of(2026, 1, 5, 0, 0), c);
  }

  /** A week of HealthKit-like step samples from an iPhone and a Watch (walking bouts by day). */
  static List<TimedSample> stepWeek(long seed) {
    Random rng = new Random(seed);
    List<TimedSample> out = new ArrayList<>();
    Instant day0 = Instant.parse("2026-02-01T23:00:00Z");
    for (int d = 0; d < 7; d++) {
      Instant wake = day0.plus(Duration.ofDays(d)).plus(Duration.ofMinutes(7 * 60 + rng.nextInt(40)));
      Instant bed = day0.plus(Duration.ofDays(d)).plus(Duration.ofMinutes(22 * 60 + 30 + rng.nextInt(40)));
      for (Instant t = wake; t.isBefore(bed); t = t.plus(Duration.ofMinutes(5 + rng.nextInt(36)))) {
        int minutes = 2 + rng.nextInt(9);
        double n = minutes * (60 + rng.nextInt(60));
        out.add(new TimedSample(t, t.plus(Duration.ofMinutes(minutes)), n, "iPhone"));
        out.add(new TimedSample(t, t.plus(Duration.ofMinutes(minutes)), n * 0.95, "Apple Watch"));
      }
    }
    return out;
  }
}
