package dev.apiplatform.server.storage;

import dev.apiplatform.server.config.Stage;
import java.util.List;

/**
 * The one place that names every table and bucket the platform uses. Resource groups add their
 * tables here; {@link StorageBootstrap} creates whatever is missing at start. Physical names are
 * prefixed by stage ({@code dev-Users}), so stages can share an account without sharing data.
 *
 * @param tables logical table definitions (unprefixed names)
 * @param buckets logical bucket names (unprefixed)
 */
public record StorageDefinitions(Stage stage, String bucketNamespace, List<TableDefinition> tables, List<String> buckets) {

  /** The bucket for user media (Echoes audio and later uploads); also what /health probes. */
  public static final String MEDIA_BUCKET = "media";

  /**
   * The platform's definitions. The system group stores nothing yet; the identity group adds
   * {@code Users} here.
   */
  public static StorageDefinitions platform(Stage stage, String bucketNamespace) {
    return new StorageDefinitions(stage, bucketNamespace, List.of(), List.of(MEDIA_BUCKET));
  }

  public String tableName(String logicalName) {
    return stage.prefix() + logicalName;
  }

  /** S3 names are global and lowercase: stage, namespace, then the logical name. */
  public String bucketName(String logicalName) {
    return stage.prefix() + bucketNamespace + "-" + logicalName;
  }
}
