package dev.apiplatform.server.pat;

import dev.apiplatform.server.domain.NotPermitted;

/** A request naming a {@code user_id} other than the caller's: nobody analyses for someone else. */
public final class NotCallersUserId extends NotPermitted {

  public NotCallersUserId() {
    super("user_id must be the caller's own");
  }
}
