package dev.apiplatform.server.offers;

import dev.apiplatform.server.domain.NotFound;

/** No offer has this id. */
public final class OfferNotFound extends NotFound {

  public OfferNotFound(String offerId) {
    super("No offer with id '" + offerId + "'");
  }
}
