package dev.apiplatform.server.echoes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apiplatform.server.jobs.DeadlineJobs;
import dev.apiplatform.server.jobs.JobHandler;
import dev.apiplatform.server.queue.ReceivedJob;
import dev.apiplatform.server.storage.MediaStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Removes what a presigned Echoes PUT staged once it can no longer be saved: at init-upload a job
 * goes on {@link EchoesGroup#QUEUE}, due at the URL's lifetime plus a grace period
 * ({@link DeadlineJobs}); when due it deletes the staged key. A saved echo's audio lives under
 * its own key (save copies, then removes the staged copy), so the job never touches saved audio;
 * it also removes a staged copy that save failed to delete. Deleting an absent key is a no-op, so
 * a redelivery is harmless.
 */
final class StagedUploadCleanup implements JobHandler {

  static final String KIND = "echoes.staged-cleanup";

  private final MediaStore media;
  private final DeadlineJobs deadlines;

  StagedUploadCleanup(MediaStore media, DeadlineJobs deadlines) {
    this.media = media;
    this.deadlines = deadlines;
  }

  /** Queues the removal of {@code stagedKey} (under the caller's staging prefix) at {@code due}. */
  void schedule(String userId, String echoId, String stagedKey, Instant due, String requestId) {
    deadlines.schedule(EchoesGroup.QUEUE, KIND, echoId + ":staged", requestId, due,
        Map.of("user_id", userId, "key", stagedKey));
  }

  @Override
  public void handle(ReceivedJob job) throws Exception {
    Optional<JsonNode> due = deadlines.whenDue(EchoesGroup.QUEUE, job);
    if (due.isEmpty()) return;
    String userId = due.get().path("user_id").asText();
    String key = due.get().path("key").asText();
    if (userId.isEmpty() || !key.startsWith(EchoesService.STAGING_PREFIX + userId + "/")) {
      throw new IllegalStateException("Echoes cleanup names a key outside its owner's staging prefix");
    }
    media.delete(key);
  }
}
