package dev.apiplatform.server.insights;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The deterministic generator used when no LLM provider is configured: fixed thresholds from
 * common sleep-hygiene guidance (7+ hours of sleep, efficiency of 85 %+, sleep onset within 30
 * minutes, WASO under 30 minutes; IS above 0.6 and IV under 1 as a regular rhythm; 7,000+ steps a
 * day). The same inputs always give the same text. {@code context} is not interpreted.
 */
public final class RuleBasedInsights {

  public static final String GENERATOR = "rules:v1";

  public Insight.Content generate(InsightInputs in) {
    List<String> findings = new ArrayList<>();
    List<String> advice = new ArrayList<>();
    boolean sleep = focus(in, "sleep");
    boolean circadian = focus(in, "circadian");
    boolean activity = focus(in, "activity");
    if (sleep) sleep(in, findings, advice);
    if (circadian) circadian(in, findings, advice);
    if (activity) activity(in, findings, advice);
    int used = (int) InsightInputs.METRICS.stream().filter(m -> in.metric(m).isPresent()).count();
    if (findings.isEmpty()) {
      findings.add("The data sent has no " + (in.insightType().equals("comprehensive") ? "" : in.insightType() + " ")
          + "metrics to interpret yet.");
      advice.add("Wear the device through a few full days and nights, then ask again.");
    }
    double completeness = in.metric("data_completeness").orElse(1.0);
    double confidence = round(Math.min(1.0, 0.3 + 0.07 * used) * clamp(completeness));
    String narrative = narrative(in, findings.size(), used);
    return new Insight.Content(narrative, List.copyOf(findings.subList(0, Math.min(10, findings.size()))),
        in.includeRecommendations() ? List.copyOf(advice.subList(0, Math.min(10, advice.size()))) : List.of(),
        confidence);
  }

  private static void sleep(InsightInputs in, List<String> findings, List<String> advice) {
    in.metric("total_sleep_minutes").ifPresent(minutes -> {
      String hours = format(minutes / 60.0);
      if (minutes < 420) {
        findings.add("You slept about " + hours + " hours a night, below the 7 hours recommended for adults.");
        advice.add("Move bedtime earlier by 15-30 minutes until you reach 7 or more hours of sleep.");
      } else if (minutes > 540) {
        findings.add("You slept about " + hours + " hours a night, more than 9 hours.");
        advice.add("Long sleep can follow sleep debt or illness; keep an eye on how rested you feel.");
      } else {
        findings.add("You slept about " + hours + " hours a night, within the recommended 7-9 hours.");
      }
    });
    in.metric("sleep_efficiency").ifPresent(eff -> {
      String pct = format(eff * 100) + "%";
      if (eff < 0.85) {
        findings.add("Sleep efficiency of " + pct + " means a good share of time in bed was spent awake.");
        advice.add("Keep the bed for sleep: get up after about 20 minutes awake and return when sleepy.");
      } else {
        findings.add("Sleep efficiency of " + pct + " is in the healthy range (85% or more).");
      }
    });
    in.metric("sleep_onset_latency_minutes").filter(l -> l > 30).ifPresent(l -> {
      findings.add("Falling asleep took about " + format(l) + " minutes, longer than 30 minutes.");
      advice.add("A regular wind-down routine and less screen light in the last hour can shorten sleep onset.");
    });
    in.metric("waso_minutes").filter(w -> w > 30).ifPresent(w -> {
      findings.add("About " + format(w) + " minutes awake after falling asleep break up the night.");
      advice.add("Limit caffeine after noon and alcohol in the evening, which fragment sleep.");
    });
  }

  private static void circadian(InsightInputs in, List<String> findings, List<String> advice) {
    Optional<Double> is = in.metric("interdaily_stability");
    is.ifPresent(v -> {
      if (v < 0.6) {
        findings.add("Your daily rhythm varies from day to day (interdaily stability " + format(v) + ").");
        advice.add("Get up at the same time every day, weekends included, to steady your rhythm.");
      } else {
        findings.add("Your daily rhythm is regular from day to day (interdaily stability " + format(v) + ").");
      }
    });
    in.metric("intradaily_variability").filter(v -> v > 1.0).ifPresent(v -> {
      findings.add("Activity switches often between rest and activity within the day (variability " + format(v) + ").");
      advice.add("Longer blocks of daytime activity and fewer daytime naps consolidate the rhythm.");
    });
    in.metric("relative_amplitude").filter(v -> v < 0.8).ifPresent(v -> {
      findings.add("The contrast between active days and quiet nights is weak (relative amplitude " + format(v) + ").");
      advice.add("Daylight in the morning and a dark, quiet bedroom strengthen the day-night contrast.");
    });
  }

  private static void activity(InsightInputs in, List<String> findings, List<String> advice) {
    in.metric("mean_daily_steps").ifPresent(steps -> {
      String n = String.format(Locale.ROOT, "%,.0f", steps);
      if (steps < 7000) {
        findings.add("You averaged " + n + " steps a day, below the 7,000 linked with health benefits.");
        advice.add("Add a 10-15 minute walk after one or two meals each day.");
      } else {
        findings.add("You averaged " + n + " steps a day, at or above 7,000.");
      }
    });
  }

  private static String narrative(InsightInputs in, int findings, int used) {
    if (used == 0) return "There is not enough data yet to describe your " + scope(in) + ".";
    return "Based on " + used + (used == 1 ? " metric" : " metrics") + " from your recent data, here "
        + (findings == 1 ? "is one observation" : "are " + findings + " observations") + " about your " + scope(in)
        + ".";
  }

  private static String scope(InsightInputs in) {
    return switch (in.insightType()) {
      case "sleep" -> "sleep";
      case "activity" -> "activity";
      case "circadian" -> "daily rhythm";
      default -> "sleep, daily rhythm and activity";
    };
  }

  private static boolean focus(InsightInputs in, String aspect) {
    return in.insightType().equals("comprehensive") || in.insightType().equals(aspect);
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, v >= 10 ? "%.0f" : "%.1f", v);
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
