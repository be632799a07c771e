package dev.apiplatform.server.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default geocoder: no network, no account. Forward lookups resolve a US ZIP to its centroid
 * or a city (optionally narrowed by state and country; the most populous match wins) to its
 * GeoNames position; of a free-form address only the city, state and ZIP are used, since a
 * gazetteer knows no streets. Reverse lookups name the nearest city (≤ {@value #MAX_REVERSE_KM}
 * km) and, in the US, the nearest ZIP centroid (≤ {@value #MAX_ZIP_KM} km).
 */
public final class OfflineGeocoder implements Geocoder {

  static final int MAX_REVERSE_KM = 200;
  static final int MAX_ZIP_KM = 30;
  private static final Pattern ZIP = Pattern.compile("(?<!\\d)(\\d{5})(?:-\\d{4})?(?!\\d)");

  private final Gazetteer data;

  public OfflineGeocoder() {
    this.data = Gazetteer.get();
  }

  @Override
  public String name() {
    return "gazetteer";
  }

  @Override
  public Optional<GeoPlace> forward(LocationQuery q) {
    String country = null;
    if (q.country() != null) {
      Optional<String> code = Countries.toAlpha2(q.country());
      if (code.isEmpty()) return Optional.empty();
      country = code.get();
    }
    String zip = q.zip() != null ? q.zip() : q.address() != null ? lastZip(q.address()) : null;
    if (zip != null && (country == null || country.equals("US"))) {
      Matcher m = ZIP.matcher(zip);
      if (m.find()) {
        Optional<GeoPlace> byZip = zip(m.group(1));
        if (byZip.isPresent()) return byZip;
      }
    }
    if (q.city() != null) {
      Optional<GeoPlace> byCity = city(q.city(), q.state(), country);
      if (byCity.isPresent() || q.address() == null) return byCity;
    }
    return q.address() == null ? Optional.empty() : address(q.address(), q.state(), country);
  }

  /** Parts from the end: country, "ST 12345", then the first part that names a city. */
  private Optional<GeoPlace> address(String address, String stateHint, String country) {
    List<String> parts = new ArrayList<>();
    for (String p : address.split("[,;\\n]")) {
      String t = ZIP.matcher(p).replaceAll(" ").strip();
      if (!t.isEmpty()) parts.add(t);
    }
    String state = stateHint;
    for (int i = parts.size() - 1; i >= 0; i--) {
      String part = parts.get(i);
      if (i > 0 && country == null && Countries.toAlpha2(part).isPresent() && UsStates.code(part).isEmpty()) {
        country = Countries.toAlpha2(part).get();
        continue;
      }
      if (i > 0 && state == null && UsStates.code(part).isPresent()) {
        state = part;
        continue;
      }
      Optional<GeoPlace> found = city(part, state, country);
      if (found.isPresent()) return found;
      // "Alpharetta GA" without a comma: the last word is the state
      String[] words = part.split("\\s+");
      if (words.length > 1 && UsStates.code(words[words.length - 1]).isPresent()) {
        String rest = part.substring(0, part.lastIndexOf(words[words.length - 1])).strip();
        found = city(rest, words[words.length - 1], country);
        if (found.isPresent()) return found;
      }
    }
    return Optional.empty();
  }

  private Optional<GeoPlace> zip(String code) {
    int z = data.zip(code);
    if (z < 0) return Optional.empty();
    return Optional.of(new GeoPlace(new GeoPoint(data.zipLat(z), data.zipLng(z)), data.zipCity(z), data.zipState(z),
        "US", data.zipCode(z), GeoPlace.Precision.ZIP, name()));
  }

  private Optional<GeoPlace> city(String cityName, String state, String country) {
    int[] ids = data.citiesNamed(Names.normalize(cityName));
    if (ids.length == 0) return Optional.empty();
    Optional<String> usState = UsStates.code(state);
    boolean stateIsUs = usState.isPresent() && (country == null || country.equals("US"));
    int best = pick(ids, country, stateIsUs ? "US" : null, stateIsUs ? usState.get() : state);
    if (best < 0 && state != null && !stateIsUs) {
      // outside the US the gazetteer has admin codes ("08"), not names: a name narrows nothing
      best = pick(ids, country, null, null);
    }
    if (best < 0) return Optional.empty();
    return Optional.of(new GeoPlace(new GeoPoint(data.cityLat(best), data.cityLng(best)), data.cityName(best),
        emptyToNull(data.cityAdmin(best)), data.cityCountry(best), null, GeoPlace.Precision.CITY, name()));
  }

  private int pick(int[] ids, String country, String requiredCountry, String admin) {
    int best = -1;
    for (int i : ids) {
      if (country != null && !data.cityCountry(i).equals(country)) continue;
      if (requiredCountry != null && !data.cityCountry(i).equals(requiredCountry)) continue;
      if (admin != null && !data.cityAdmin(i).equalsIgnoreCase(admin)) continue;
      if (best < 0 || data.cityPopulation(i) > data.cityPopulation(best)) best = i;
    }
    return best;
  }

  @Override
  public Optional<GeoPlace> reverse(GeoPoint p) {
    int nearest = -1;
    double nearestM = MAX_REVERSE_KM * 1000.0;
    for (int key : gridAround(p, 2)) {
      for (int i : data.citiesIn(key)) {
        double d = Distance.meters(p, new GeoPoint(data.cityLat(i), data.cityLng(i)));
        if (d <= nearestM) {
          nearestM = d;
          nearest = i;
        }
      }
    }
    if (nearest < 0) return Optional.empty();
    String zip = null;
    if (data.cityCountry(nearest).equals("US")) {
      double zipM = MAX_ZIP_KM * 1000.0;
      for (int key : gridAround(p, 1)) {
        for (int z : data.zipsIn(key)) {
          double d = Distance.meters(p, new GeoPoint(data.zipLat(z), data.zipLng(z)));
          if (d <= zipM) {
            zipM = d;
            zip = data.zipCode(z);
          }
        }
      }
    }
    return Optional.of(new GeoPlace(p, data.cityName(nearest), emptyToNull(data.cityAdmin(nearest)),
        data.cityCountry(nearest), zip, GeoPlace.Precision.NEAREST_PLACE, name()));
  }

  /** 1° grid cells within {@code degrees} of latitude of p, widened in longitude by 1/cos(lat). */
  private static List<Integer> gridAround(GeoPoint p, int degrees) {
    int row = (int) Math.floor(p.lat()) + 90;
    int col = (int) Math.floor(p.lng()) + 180;
    double cos = Math.cos(Math.toRadians(Math.min(89.0, Math.abs(p.lat()) + degrees)));
    int span = (int) Math.min(180, Math.ceil(degrees / cos));
    List<Integer> keys = new ArrayList<>();
    for (int r = Math.max(0, row - degrees); r <= Math.min(179, row + degrees); r++) {
      for (int c = col - span; c <= col + span; c++) keys.add(Gazetteer.gridKey(r, c));
    }
    return keys;
  }

  /**
   * A ZIP in an address: in a part after the first ("123 Main St, Alpharetta, GA 30009"), or
   * ending a one-part address. A five-digit house number ("12345 Main St, ...") is not one.
   */
  static String lastZip(String address) {
    String[] parts = address.split("[,;\\n]");
    if (parts.length == 1) {
      Matcher end = Pattern.compile("(?<!\\d)(\\d{5})(?:-\\d{4})?\\s*$").matcher(address);
      return end.find() ? end.group(1) : null;
    }
    for (int i = parts.length - 1; i >= 1; i--) {
      Matcher m = ZIP.matcher(parts[i]);
      String last = null;
      while (m.find()) last = m.group(1);
      if (last != null) return last;
    }
    return null;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
