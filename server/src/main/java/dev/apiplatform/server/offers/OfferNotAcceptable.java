package dev.apiplatform.server.offers;

import dev.apiplatform.server.domain.Conflict;

/** The offer cannot be made, accepted, declined or withdrawn in its item's or its own current state. */
public final class OfferNotAcceptable extends Conflict {

  public OfferNotAcceptable(String detail) {
    super(detail);
  }
}
