package dev.apiplatform.server.echoes;

import dev.apiplatform.server.domain.InvalidField;
import dev.apiplatform.server.storage.MediaStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Echoes' rules (seed 002): presigned uploads of audio only, metadata saved only for a confirmed
 * object under the caller's key, per-owner listing and random pick, delete object-then-record.
 * Uploads land under {@link #STAGING_PREFIX}; save copies the confirmed object to the echo's own
 * key, which no presigned PUT ever names, so the URL an echo was uploaded with (valid for an hour)
 * cannot replace its saved audio (issue 17 item 9). Every init-upload queues the removal of its
 * staged key once the URL's lifetime plus a grace have passed ({@link StagedUploadCleanup}).
 */
public final class EchoesService {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EchoesService.class);

  /** Where presigned PUTs write: {@code uploads/{userId}/{echoId}.{ext}}, copied to the echo's key on save. */
  public static final String STAGING_PREFIX = "uploads/";

  public static final Duration PLAYBACK_URL_TTL = Duration.ofMinutes(15);
  public static final Set<String> EMOTIONS = Set.of("joy", "calm", "sadness", "anger", "fear", "surprise", "nostalgia");

  /** Extension -> the audio media types that fit it. */
  static final Map<String, Set<String>> AUDIO_TYPES = Map.of(
      "webm", Set.of("audio/webm"),
      "ogg", Set.of("audio/ogg"),
      "mp3", Set.of("audio/mpeg"),
      "m4a", Set.of("audio/mp4", "audio/x-m4a"),
      "mp4", Set.of("audio/mp4", "audio/x-m4a"),
      "wav", Set.of("audio/wav", "audio/x-wav", "audio/wave"),
      "aac", Set.of("audio/aac"));

  private final EchoesRepository echoes;
  private final MediaStore media;
  private final long maxFileSize;
  private final EchoesGroup.Config config;
  private final StagedUploadCleanup cleanup;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  EchoesService(EchoesRepository echoes, MediaStore media, EchoesGroup.Config config, StagedUploadCleanup cleanup,
      Clock clock) {
    this.echoes = echoes;
    this.media = media;
    this.maxFileSize = config.maxAudioFileSize();
    this.config = config;
    this.cleanup = cleanup;
    this.clock = clock;
  }

  public record Upload(String url, String echoId, String key, int expiresIn, Map<String, String> requiredHeaders) {}

  /**
   * A presigned PUT to the staging key; its removal, once the URL's lifetime plus the grace have
   * passed, is queued first (a refusing queue is a 503, and no URL is handed out).
   */
  public Upload initUpload(String userId, String extension, String contentType, long fileSize, String requestId) {
    Set<String> types = AUDIO_TYPES.get(extension);
    if (types == null) throw new InvalidField("body.file_extension", "must be one of " + AUDIO_TYPES.keySet(), "enum");
    if (!types.contains(contentType)) {
      throw new InvalidField("body.content_type", "must be one of " + types + " for ." + extension, "content_type");
    }
    if (fileSize < 1) throw new InvalidField("body.file_size", "must be at least 1", "min");
    if (fileSize > maxFileSize) throw new InvalidField("body.file_size", "must be at most " + maxFileSize, "max");
    String echoId = UUID.randomUUID().toString();
    String key = userId + "/" + echoId + "." + extension;
    Duration ttl = config.uploadUrlTtl();
    cleanup.schedule(userId, echoId, STAGING_PREFIX + key, clock.instant().plus(ttl).plus(config.uploadGrace()), requestId);
    String url = mediaCall("Presigning the upload",
        () -> media.presignUpload(STAGING_PREFIX + key, contentType, fileSize, ttl));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    headers.put("Content-Length", Long.toString(fileSize));
    return new Upload(url, echoId, key, (int) ttl.toSeconds(), headers);
  }

  public record Draft(String emotion, Optional<Instant> timestamp, Optional<Echo.Location> location, List<String> tags,
      Optional<String> transcript, Optional<String> detectedMood) {}

  /**
   * Saves the metadata once HeadObject confirms the caller's staged upload, after copying it to the
   * echo's key; nothing is stored otherwise.
   */
  public Echo save(String userId, String echoId, Draft draft) {
    emotion("body.emotion", draft.emotion());
    if (echoes.find(userId, echoId).isPresent()) throw new EchoExists(echoId);
    // the caller's prefix only: another user's upload under this id is not found, like no upload at all
    String prefix = STAGING_PREFIX + userId + "/" + echoId + ".";
    List<String> found = mediaCall("Looking for the upload", () -> media.keysWithPrefix(prefix, 10));
    Optional<String> key = found.stream()
        .filter(k -> AUDIO_TYPES.containsKey(k.substring(prefix.length()))).findFirst();
    if (key.isEmpty()) throw new EchoNotFound("Nothing was uploaded for echo '" + echoId + "'");
    String extension = key.get().substring(prefix.length());
    MediaStore.StoredObject head = mediaCall("Checking the upload", () -> media.head(key.get()))
        .orElseThrow(() -> new EchoNotFound("Nothing was uploaded for echo '" + echoId + "'"));
    String type = head.contentType().split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
    if (!AUDIO_TYPES.get(extension).contains(type)) {
      throw new UploadNotAcceptable("The uploaded object is '" + type + "', not an audio type for ." + extension);
    }
    long size = head.size();
    if (size < 1 || size > maxFileSize) {
      throw new UploadNotAcceptable("The uploaded object is " + size + " bytes; the limit is " + maxFileSize);
    }
    String staged = key.get();
    String saved = staged.substring(STAGING_PREFIX.length());
    if (!mediaCall("Copying the upload", () -> media.copy(staged, saved))) {
      throw new EchoNotFound("Nothing was uploaded for echo '" + echoId + "'");
    }
    Instant now = clock.instant();
    Echo echo = new Echo(userId, echoId, draft.emotion(), draft.timestamp().orElse(now), saved, type, size,
        draft.location(), draft.tags(), draft.transcript(), draft.detectedMood(), now);
    try {
      echoes.create(echo);
    } catch (EchoesRepository.EchoExistsException e) {
      throw new EchoExists(echoId);
    }
    deleteStaged(staged);
    return echo;
  }

  public Echo get(String userId, String echoId) {
    return echoes.find(userId, echoId).orElseThrow(() -> new EchoNotFound("No echo with id '" + echoId + "'"));
  }

  public record Listing(List<Echo> echoes, int total, int page, int pageSize) {
    public boolean hasMore() {
      return (long) page * pageSize < total;
    }
  }

  public Listing list(String userId, Optional<String> emotion, int page, int pageSize) {
    emotion.ifPresent(e -> emotion("query.emotion", e));
    int total = echoes.count(userId, emotion);
    long offset = (long) (page - 1) * pageSize;
    List<Echo> found = offset >= total ? List.of() : echoes.page(userId, emotion, (int) offset, pageSize);
    return new Listing(found, total, page, pageSize);
  }

  /** Uniform over the caller's echoes of the emotion: a uniform index into the owner's emotion partition. */
  public Echo random(String userId, String emotion) {
    emotion("query.emotion", emotion);
    int total = echoes.count(userId, Optional.of(emotion));
    if (total > 0) {
      List<Echo> picked = echoes.page(userId, Optional.of(emotion), random.nextInt(total), 1);
      if (!picked.isEmpty()) return picked.get(0);
    }
    throw new EchoNotFound("You have no echo of emotion '" + emotion + "'");
  }

  /**
   * Object first, then record: if the object delete fails the record stays (503) and still
   * names an object that exists; a retry deletes the (possibly already gone) object and the record.
   */
  public void delete(String userId, String echoId) {
    Echo echo = get(userId, echoId);
    mediaCall("Deleting the audio", () -> {
      media.delete(echo.s3Key());
      return null;
    });
    // a PUT through the old upload URL after save re-creates the staged copy: it goes too
    deleteStaged(STAGING_PREFIX + echo.s3Key());
    echoes.delete(userId, echoId);
  }

  /** The staged copy is dead weight once saved; failing to remove it must not fail the call. */
  private void deleteStaged(String staged) {
    try {
      media.delete(staged);
    } catch (MediaStore.MediaUnavailableException e) {
      LOG.warn("could not delete the staged upload {} (left behind under uploads/): {}", staged, e.getMessage());
    }
  }

  public String playbackUrl(Echo echo) {
    return mediaCall("Presigning playback", () -> media.presignDownload(echo.s3Key(), PLAYBACK_URL_TTL));
  }

  public String s3Url(Echo echo) {
    return media.location(echo.s3Key());
  }

  private static void emotion(String field, String emotion) {
    if (!EMOTIONS.contains(emotion)) throw new InvalidField(field, "must be one of " + EMOTIONS, "enum");
  }

  private static <T> T mediaCall(String what, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (MediaStore.MediaUnavailableException e) {
      throw new dev.apiplatform.server.storage.StoreUnavailableException(what + " failed: " + e.getMessage(), e);
    }
  }
}
