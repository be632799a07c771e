package dev.apiplatform.server.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4
 * (prometheus.io/docs/instrumenting/exposition_formats): {@code # HELP} / {@code # TYPE} lines,
 * samples with escaped label values, {@code +Inf}/{@code -Inf}/{@code NaN}, optional timestamps.
 * No Java parser of the format is published (the client libraries only write it), so the test
 * carries this one; it fails on anything the format does not allow, rather than skipping it:
 * a sample before or outside its family's TYPE, a family TYPEd twice, a bad name or label, an
 * unparsable value, duplicate series, histogram buckets that are not cumulative or whose
 * {@code +Inf} bucket differs from {@code _count}.
 */
final class PrometheusText {

  record Sample(String name, Map<String, String> labels, double value) {}

  record Family(String name, String type, List<Sample> samples) {}

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final List<String> TYPES = List.of("counter", "gauge", "histogram", "summary", "untyped");

  private final Map<String, Family> families = new LinkedHashMap<>();

  static PrometheusText parse(String text) {
    PrometheusText parsed = new PrometheusText();
    Family current = null;
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      if (line.isEmpty()) continue;
      if (line.startsWith("#")) {
        String[] parts = line.split(" ", 4);
        if (parts.length >= 3 && parts[1].equals("TYPE")) {
          String name = parts[2];
          String type = parts.length == 4 ? parts[3] : "";
          require(NAME.matcher(name).matches(), n, "bad metric name " + name);
          require(TYPES.contains(type), n, "bad type " + type);
          require(!parsed.families.containsKey(name), n, "family TYPEd twice: " + name);
          current = new Family(name, type, new ArrayList<>());
          parsed.families.put(name, current);
        } else if (parts.length >= 3 && parts[1].equals("HELP")) {
          require(NAME.matcher(parts[2]).matches(), n, "bad metric name in HELP " + parts[2]);
        }
        continue;
      }
      Sample sample = sample(line, n);
      require(current != null && belongs(sample.name(), current), n, "sample outside its family: " + line);
      for (Sample seen : current.samples()) {
        require(!(seen.name().equals(sample.name()) && seen.labels().equals(sample.labels())), n,
            "duplicate series " + line);
      }
      current.samples().add(sample);
    }
    parsed.families.values().stream().filter(f -> f.type().equals("histogram")).forEach(PrometheusText::checkHistogram);
    return parsed;
  }

  private static boolean belongs(String sample, Family family) {
    String f = family.name();
    return switch (family.type()) {
      case "histogram" -> sample.equals(f + "_bucket") || sample.equals(f + "_count") || sample.equals(f + "_sum");
      case "summary" -> sample.equals(f) || sample.equals(f + "_count") || sample.equals(f + "_sum");
      case "counter" -> sample.equals(f) || sample.equals(f + "_total") || sample.equals(f + "_created");
      default -> sample.equals(f);
    };
  }

  private static Sample sample(String line, int n) {
    Matcher name = NAME.matcher(line);
    require(name.lookingAt(), n, "no metric name: " + line);
    int i = name.end();
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        Matcher label = LABEL_NAME.matcher(line).region(i, line.length());
        require(label.lookingAt(), n, "bad label name at " + i + ": " + line);
        String key = line.substring(i, label.end());
        i = label.end();
        require(line.startsWith("=\"", i), n, "label without =\": " + line);
        i += 2;
        StringBuilder value = new StringBuilder();
        while (line.charAt(i) != '"') {
          char c = line.charAt(i++);
          if (c == '\\') {
            char e = line.charAt(i++);
            require(e == '\\' || e == '"' || e == 'n', n, "bad escape \\" + e);
            value.append(e == 'n' ? '\n' : e);
          } else {
            value.append(c);
          }
        }
        i++;
        require(labels.put(key, value.toString()) == null, n, "label twice: " + key);
        if (line.charAt(i) == ',') i++;
      }
      i++;
    }
    require(i < line.length() && line.charAt(i) == ' ', n, "no space before the value: " + line);
    String[] rest = line.substring(i + 1).split(" ");
    require(rest.length == 1 || rest.length == 2, n, "trailing garbage: " + line);
    if (rest.length == 2) Long.parseLong(rest[1]);
    return new Sample(line.substring(0, name.end()), labels, value(rest[0], n));
  }

  private static double value(String v, int n) {
    return switch (v) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> {
        try {
          yield Double.parseDouble(v);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("line " + n + ": bad value " + v);
        }
      }
    };
  }

  private static void checkHistogram(Family f) {
    Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
    Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
    for (Sample s : f.samples()) {
      if (s.name().endsWith("_bucket")) {
        Map<String, String> series = new LinkedHashMap<>(s.labels());
        require(series.remove("le") != null, 0, f.name() + " bucket without le");
        buckets.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
      } else if (s.name().endsWith("_count")) {
        counts.put(s.labels(), s.value());
      }
    }
    buckets.forEach((series, list) -> {
      double le = Double.NEGATIVE_INFINITY, count = 0;
      for (Sample b : list) {
        double bound = value(b.labels().get("le"), 0);
        require(bound > le && b.value() >= count, 0, f.name() + " buckets not cumulative for " + series);
        le = bound;
        count = b.value();
      }
      require(le == Double.POSITIVE_INFINITY, 0, f.name() + " has no +Inf bucket for " + series);
      require(counts.containsKey(series) && counts.get(series) == count, 0,
          f.name() + " _count differs from the +Inf bucket for " + series);
    });
  }

  private static void require(boolean ok, int line, String what) {
    if (!ok) throw new IllegalArgumentException("line " + line + ": " + what);
  }

  java.util.Set<String> familyNames() {
    return families.keySet();
  }

  Optional<Family> family(String name) {
    return Optional.ofNullable(families.get(name));
  }

  /** Samples named {@code sample} whose labels include every entry of {@code labels}. */
  List<Sample> samples(String sample, Map<String, String> labels) {
    List<Sample> out = new ArrayList<>();
    for (Family f : families.values()) {
      for (Sample s : f.samples()) {
        if (s.name().equals(sample) && s.labels().entrySet().containsAll(labels.entrySet())) out.add(s);
      }
    }
    return out;
  }

  /** The value of the one sample named {@code sample} with exactly these labels (plus none). */
  double value(String sample, Map<String, String> labels) {
    List<Sample> found = samples(sample, labels).stream().filter(s -> s.labels().equals(labels)).toList();
    if (found.size() != 1) throw new AssertionError("expected one " + sample + labels + ", found " + found);
    return found.get(0).value();
  }
}
