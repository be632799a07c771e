package dev.apiplatform.server.http;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code If-Match} against version ETags ({@code "3"}), the one parser: strong or weak
 * ({@code W/"3"}) tags name a version, {@code *} names whatever is current.
 */
public final class IfMatch {

  private IfMatch() {}

  /** The ETag of a version. */
  public static String etag(long version) {
    return "\"" + version + "\"";
  }

  /** Empty or blank header values count as absent. */
  public static Optional<String> present(Optional<String> header) {
    return header.map(String::strip).filter(s -> !s.isEmpty());
  }

  /** True for {@code *}. */
  public static boolean any(String value) {
    return value.equals("*");
  }

  /** The version a tag names, or empty for a tag this server never issued (it cannot match). */
  public static OptionalLong version(String value) {
    String tag = value.startsWith("W/") ? value.substring(2) : value;
    if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) tag = tag.substring(1, tag.length() - 1);
    try {
      return OptionalLong.of(Long.parseLong(tag));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
