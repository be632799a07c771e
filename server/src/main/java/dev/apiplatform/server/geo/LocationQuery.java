package dev.apiplatform.server.geo;

import java.util.Optional;

/**
 * What a client said about a place, as the seed's parameters carry it: any of a free-form
 * address, city, state (code or name), ZIP and country (ISO code or English name). Blank
 * values count as absent.
 */
public record LocationQuery(String address, String city, String state, String zip, String country) {

  public LocationQuery {
    address = blankToNull(address);
    city = blankToNull(city);
    state = blankToNull(state);
    zip = blankToNull(zip);
    country = blankToNull(country);
  }

  public static LocationQuery ofAddress(String address) {
    return new LocationQuery(address, null, null, null, null);
  }

  public static LocationQuery ofZip(String zip) {
    return new LocationQuery(null, null, null, zip, null);
  }

  public static LocationQuery ofCity(String city, String state, String country) {
    return new LocationQuery(null, city, state, null, country);
  }

  public boolean isEmpty() {
    return address == null && city == null && zip == null;
  }

  public Optional<String> countryValue() {
    return Optional.ofNullable(country);
  }

  /** For a 400 problem's detail ("could not geocode 'Springfield, XX'"); never logged with user ids. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    for (String part : new String[] {address, city, state, zip, country}) {
      if (part != null) b.append(b.length() == 0 ? "" : ", ").append(part);
    }
    return b.toString();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
