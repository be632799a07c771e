package dev.apiplatform.server.geo;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** ISO 3166-1 codes from the JDK's own tables: alpha-2, alpha-3 and English names all resolve. */
public final class Countries {

  private static final Map<String, String> TO_ALPHA2 = new HashMap<>();
  private static final Map<String, String> ALPHA3 = new HashMap<>();

  static {
    for (String a2 : Locale.getISOCountries()) {
      Locale l = new Locale("", a2);
      TO_ALPHA2.put(key(a2), a2);
      try {
        String a3 = l.getISO3Country();
        if (!a3.isEmpty()) {
          TO_ALPHA2.put(key(a3), a2);
          ALPHA3.put(a2, a3);
        }
      } catch (java.util.MissingResourceException ignored) {
        // a code without an alpha-3 form: alpha-2 and the name still resolve
      }
      TO_ALPHA2.put(key(l.getDisplayCountry(Locale.ENGLISH)), a2);
    }
    // the spellings people actually type that the JDK's names do not cover
    for (String us : new String[] {"USA", "U.S.", "U.S.A.", "United States of America", "America"}) {
      TO_ALPHA2.put(key(us), "US");
    }
    TO_ALPHA2.put(key("UK"), "GB");
    TO_ALPHA2.put(key("Great Britain"), "GB");
  }

  private Countries() {}

  public static Optional<String> toAlpha2(String any) {
    return any == null ? Optional.empty() : Optional.ofNullable(TO_ALPHA2.get(key(any)));
  }

  public static String alpha3(String alpha2) {
    return ALPHA3.getOrDefault(alpha2, alpha2);
  }

  private static String key(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
  }
}
