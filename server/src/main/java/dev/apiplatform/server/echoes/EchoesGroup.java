package dev.apiplatform.server.echoes;

import dev.apiplatform.server.config.Env;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.storage.S3MediaStore;
import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.storage.TableDefinition;
import java.util.List;
import java.util.Map;

/** Echoes (seed 002): audio in the media bucket through presigned URLs, metadata in Echoes. */
public final class EchoesGroup implements ResourceGroup {

  /**
   * This group's config section.
   *
   * @param maxAudioFileSize {@code MAX_AUDIO_FILE_SIZE}: largest upload in bytes, declared at
   *     init-upload, signed into the URL, checked again before save
   */
  public record Config(long maxAudioFileSize) {
    static Config from(Env env) {
      return new Config(env.longValue("MAX_AUDIO_FILE_SIZE", 10L * 1024 * 1024, 1, 5L * 1024 * 1024 * 1024));
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
  public void configure(Env env) {
    config = Config.from(env);
  }

  @Override
  public Wiring wire(Services services) {
    EchoesService echoes = new EchoesService(new DynamoEchoesRepository(services.aws().dynamoDb(), services.storage()),
        new S3MediaStore(services.aws().s3(), services.aws().presigner(),
            services.storage().bucketName(StorageDefinitions.MEDIA_BUCKET)),
        config.maxAudioFileSize(), services.clock());
    return Wiring.of(new EchoesResource(echoes));
  }
}
