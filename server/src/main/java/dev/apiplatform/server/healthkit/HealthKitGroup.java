package dev.apiplatform.server.healthkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.config.Env;
import dev.apiplatform.server.health.ExtractedMetrics;
import dev.apiplatform.server.health.HealthDataGroup;
import dev.apiplatform.server.http.JacksonConfig;
import dev.apiplatform.server.http.edge.BodyRoutes;
import dev.apiplatform.server.jobs.DeadlineJobs;
import dev.apiplatform.server.jobs.JobBinding;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.queue.QueueDeclaration;
import dev.apiplatform.server.queue.QueueSettings;
import dev.apiplatform.server.storage.S3MediaStore;
import dev.apiplatform.server.storage.TableDefinition;
import java.time.Duration;
import java.util.List;

/**
 * Clarity Loop HealthKit uploads (seed 003 section 1.5): raw exports in the
 * {@code health-uploads} bucket until processed, processing on the {@code healthkit-uploads}
 * queue, the extracted metrics in health data's tables (declared here too, merged by name, so
 * the group starts alone in a test). The upload size limit is the contract's {@code x-body} of
 * {@code healthkit_upload} (HEALTHKIT_MAX_UPLOAD_BYTES), read where the edge reads it. A presigned
 * URL lives HEALTHKIT_UPLOAD_URL_TTL_SECONDS; an upload not completed HEALTHKIT_UPLOAD_GRACE_SECONDS
 * after that is expired by a job on the same queue ({@link UploadExpiry}).
 */
public final class HealthKitGroup implements ResourceGroup {

  public static final String BUCKET = "health-uploads";
  public static final String QUEUE = "healthkit-uploads";

  /** How long a presigned URL is valid, and how long after that an uncompleted upload is kept. */
  record Settings(Duration urlTtl, Duration grace) {
    static Settings from(Env env) {
      return new Settings(Duration.ofSeconds(env.integer("HEALTHKIT_UPLOAD_URL_TTL_SECONDS", 3600, 1, 604_800)),
          Duration.ofSeconds(env.integer("HEALTHKIT_UPLOAD_GRACE_SECONDS", 900, 0, 86_400)));
    }
  }

  private Settings settings = new Settings(Duration.ofHours(1), Duration.ofMinutes(15));

  @Override
  public String tag() {
    return "healthkit";
  }

  @Override
  public List<TableDefinition> tables() {
    return new HealthDataGroup().tables();
  }

  @Override
  public List<String> buckets() {
    return List.of(BUCKET);
  }

  @Override
  public List<QueueDeclaration> queues(QueueSettings settings) {
    return List.of(settings.declare(QUEUE));
  }

  @Override
  public void configure(Env env) {
    settings = Settings.from(env);
  }

  @Override
  public List<JobBinding> workers(Services services) {
    ObjectMapper json = JacksonConfig.create();
    return List.of(new JobBinding(services.jobs().settings().declare(QUEUE),
        new HealthKitWorker(exports(services), new ExtractedMetrics(services), services.jobs().records(), json,
            expiry(services, json)), services.jobs().settings().concurrency()));
  }

  @Override
  public Wiring wire(Services services) {
    ObjectMapper json = JacksonConfig.create();
    long max = BodyRoutes.from(services.contract(), services.config().env()).maxBytes("healthkit_upload");
    HealthKitService healthkit = new HealthKitService(exports(services), new ExtractedMetrics(services),
        services.jobs(), services.idempotency(), json, services.clock(), max, settings, expiry(services, json));
    return Wiring.of(new HealthKitResource(healthkit, json, services.clock(), services.version()));
  }

  private static UploadExpiry expiry(Services services, ObjectMapper json) {
    return new UploadExpiry(exports(services), new ExtractedMetrics(services), services.jobs().records(),
        new DeadlineJobs(services.jobs().queue(), json, services.clock()));
  }

  private static S3MediaStore exports(Services services) {
    return new S3MediaStore(services.aws().s3(), services.aws().presigner(), services.storage().bucketName(BUCKET),
        services.aws().partBuffers());
  }
}
