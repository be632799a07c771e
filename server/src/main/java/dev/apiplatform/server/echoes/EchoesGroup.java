package dev.apiplatform.server.echoes;

import dev.apiplatform.server.config.Env;
import dev.apiplatform.server.http.JacksonConfig;
import dev.apiplatform.server.jobs.DeadlineJobs;
import dev.apiplatform.server.jobs.JobBinding;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.queue.QueueDeclaration;
import dev.apiplatform.server.queue.QueueSettings;
import dev.apiplatform.server.storage.S3MediaStore;
import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.storage.TableDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Echoes (seed 002): audio in the media bucket through presigned URLs, metadata in Echoes; what a
 * presigned PUT staged and no save took is removed by a job on {@link #QUEUE} after the URL's
 * lifetime plus a grace period ({@link StagedUploadCleanup}).
 */
public final class EchoesGroup implements ResourceGroup {

  public static final String QUEUE = "echoes-staging";

  /**
   * This group's config section.
   *
   * @param maxAudioFileSize {@code MAX_AUDIO_FILE_SIZE}: largest upload in bytes, declared at
   *     init-upload, signed into the URL, checked again before save
   * @param uploadUrlTtl {@code ECHOES_UPLOAD_URL_TTL_SECONDS}: how long a presigned PUT is valid
   * @param uploadGrace {@code ECHOES_UPLOAD_GRACE_SECONDS}: how long after that an unsaved
   *     upload stays staged (a PUT begun just before the URL expired may still finish)
   */
  public record Config(long maxAudioFileSize, Duration uploadUrlTtl, Duration uploadGrace) {
    static Config from(Env env) {
      return new Config(env.longValue("MAX_AUDIO_FILE_SIZE", 10L * 1024 * 1024, 1, 5L * 1024 * 1024 * 1024),
          Duration.ofSeconds(env.integer("ECHOES_UPLOAD_URL_TTL_SECONDS", 3600, 1, 604_800)),
          Duration.ofSeconds(env.integer("ECHOES_UPLOAD_GRACE_SECONDS", 900, 0, 86_400)));
    }
  }

  private Config config = Config.from(new Env(Map.of()));

  @Override
  public String tag() {
    return "echoes";
  }

  @Override
  public List<TableDefinition> tables() {
    return List.of(TableDefinition.of(StorageDefinitions.ECHOES_TABLE, "userId").withSortKey("echoId")
        .withIndex(StorageDefinitions.ECHOES_USER_INDEX, "userId", "listKey")
        .withIndex(StorageDefinitions.ECHOES_EMOTION_INDEX, "userEmotion", "listKey"));
  }

  @Override
  public List<String> buckets() {
    return List.of(StorageDefinitions.MEDIA_BUCKET);
  }

  @Override
  public List<QueueDeclaration> queues(QueueSettings settings) {
    return List.of(settings.declare(QUEUE));
  }

  @Override
  public List<JobBinding> workers(Services services) {
    return List.of(new JobBinding(services.jobs().settings().declare(QUEUE), cleanup(services),
        services.jobs().settings().concurrency()));
  }

  @Override
  public void configure(Env env) {
    config = Config.from(env);
  }

  @Override
  public Wiring wire(Services services) {
    EchoesService echoes = new EchoesService(new DynamoEchoesRepository(services.aws().dynamoDb(), services.storage()),
        media(services), config, cleanup(services), services.clock());
    return Wiring.of(new EchoesResource(echoes));
  }

  private static StagedUploadCleanup cleanup(Services services) {
    return new StagedUploadCleanup(media(services),
        new DeadlineJobs(services.jobs().queue(), JacksonConfig.create(), services.clock()));
  }

  private static S3MediaStore media(Services services) {
    return new S3MediaStore(services.aws().s3(), services.aws().presigner(),
        services.storage().bucketName(StorageDefinitions.MEDIA_BUCKET), services.aws().partBuffers());
  }
}
