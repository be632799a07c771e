package dev.apiplatform.server.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** US state (and territory) names and USPS codes, from the gazetteer's states.tsv. */
final class UsStates {

  private static final Map<String, String> BY_NAME = new HashMap<>();
  private static final Set<String> CODES = new HashSet<>();

  static {
    try (InputStream in = Gazetteer.resource("states.tsv");
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        String[] f = line.split("\t");
        if (f.length == 2) {
          BY_NAME.put(Names.normalize(f[0]), f[1]);
          CODES.add(f[1]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private UsStates() {}

  /** "GA", "ga", "Georgia" → "GA"; anything else empty. */
  static Optional<String> code(String s) {
    if (s == null) return Optional.empty();
    String t = s.strip();
    if (t.length() == 2 && CODES.contains(t.toUpperCase(java.util.Locale.ROOT))) {
      return Optional.of(t.toUpperCase(java.util.Locale.ROOT));
    }
    return Optional.ofNullable(BY_NAME.get(Names.normalize(t)));
  }
}
