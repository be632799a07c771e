package dev.apiplatform.server.health;

import dev.apiplatform.server.domain.NotPermitted;

/** An upload naming a {@code user_id} other than the caller's: nobody uploads for someone else. */
public final class NotCallersUserId extends NotPermitted {

  public NotCallersUserId() {
    super("user_id must be the caller's own");
  }
}
