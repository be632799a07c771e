package dev.apiplatform.server.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.http.JacksonConfig;
import dev.apiplatform.server.jobs.JobBinding;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.queue.QueueDeclaration;
import dev.apiplatform.server.queue.QueueSettings;
import dev.apiplatform.server.storage.TableDefinition;
import java.util.List;

/**
 * Clarity Loop health data (seed 003 section 1.2): uploads and their sync tokens in
 * {@code HealthUploads}, processed metrics in {@code HealthMetrics}, deletion audit in
 * {@code HealthDeletions}; processing on the {@code health-uploads} queue, polled through the
 * job records.
 */
public final class HealthDataGroup implements ResourceGroup {

  public static final String UPLOADS_TABLE = "HealthUploads";
  public static final String METRICS_TABLE = "HealthMetrics";
  public static final String DELETIONS_TABLE = "HealthDeletions";
  public static final String QUEUE = "health-uploads";

  @Override
  public String tag() {
    return "health-data";
  }

  @Override
  public List<TableDefinition> tables() {
    return List.of(TableDefinition.of(UPLOADS_TABLE, "userId").withSortKey("processingId"),
        TableDefinition.of(METRICS_TABLE, "userId").withSortKey("metricKey"),
        TableDefinition.of(DELETIONS_TABLE, "userId").withSortKey("deletionKey"));
  }

  @Override
  public List<QueueDeclaration> queues(QueueSettings settings) {
    return List.of(settings.declare(QUEUE));
  }

  @Override
  public List<JobBinding> workers(Services services) {
    ObjectMapper json = JacksonConfig.create();
    return List.of(new JobBinding(services.jobs().settings().declare(QUEUE),
        new HealthUploadWorker(uploads(services), metrics(services), services.jobs().records(), json),
        services.jobs().settings().concurrency()));
  }

  @Override
  public Wiring wire(Services services) {
    ObjectMapper json = JacksonConfig.create();
    HealthDataService health = new HealthDataService(uploads(services), metrics(services), services.jobs(), json,
        services.clock(), services.contract().schemaLimit("HealthDataUpload", "metrics", "x-max-json-chars"));
    return Wiring.of(new HealthDataResource(health, services.idempotency(), json, services.clock(),
        services.version())).provider(new DoubleSlashListPath());
  }

  private static DynamoHealthUploads uploads(Services services) {
    return new DynamoHealthUploads(services.aws().dynamoDb(), services.storage());
  }

  private static DynamoHealthMetrics metrics(Services services) {
    return new DynamoHealthMetrics(services.aws().dynamoDb(), services.storage());
  }
}
