package dev.apiplatform.server.healthkit;

import dev.apiplatform.server.domain.NotFound;

/** No HealthKit upload with this id for the caller (another user's upload is not told apart). */
final class HealthKitUploadNotFound extends NotFound {

  HealthKitUploadNotFound(String uploadId, String why) {
    super("No HealthKit upload with id '" + uploadId + "'" + why);
  }
}
