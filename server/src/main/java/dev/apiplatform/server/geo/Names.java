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
    String n = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
    n = NON_ALNUM.matcher(n.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    n = n.replaceAll("^saint ", "st ").replaceAll(" saint ", " st ")
        .replaceAll("^sainte ", "ste ").replaceAll("^fort ", "ft ").replaceAll("^mount ", "mt ");
    return n;
  }
}
