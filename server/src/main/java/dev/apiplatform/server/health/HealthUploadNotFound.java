package dev.apiplatform.server.health;

import dev.apiplatform.server.domain.NotFound;

/** No upload with this id for the caller (another user's upload is not told apart). */
public final class HealthUploadNotFound extends NotFound {

  public HealthUploadNotFound(String processingId) {
    super("No health data upload with id '" + processingId + "'");
  }
}
