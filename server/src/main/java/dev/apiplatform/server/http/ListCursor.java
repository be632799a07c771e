package dev.apiplatform.server.http;

import dev.apiplatform.server.domain.InvalidField;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The one cursor codec of keyset-paged lists: a cursor is the last row's sort key
 * ({@code <timestamp>#<id>}) and id, base64url without padding, opaque to clients. Decoding
 * accepts only what {@link #encode} could have issued for ids of the given shape; anything else
 * is a 400 on {@code query.cursor}, whether it is not base64 or a well-formed cursor we never
 * issued (the same answer, so probing learns nothing).
 */
public record ListCursor(String listKey, String id) {

  private static final int MAX_LIST_KEY = 128;

  public String encode() {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((listKey + "\n" + id).getBytes(StandardCharsets.UTF_8));
  }

  public static ListCursor decode(String cursor, Pattern idShape) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
      if (parts.length == 2 && idShape.matcher(parts[1]).matches() && parts[0].endsWith("#" + parts[1])
          && parts[0].length() <= MAX_LIST_KEY) {
        return new ListCursor(parts[0], parts[1]);
      }
    } catch (IllegalArgumentException e) {
      // not base64url: same answer as a well-formed cursor we never issued
    }
    throw new InvalidField("query.cursor", "is not a cursor this API issued", "cursor");
  }
}
