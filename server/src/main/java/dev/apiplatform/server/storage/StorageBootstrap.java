package dev.apiplatform.server.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Creates the missing tables and buckets of {@link StorageDefinitions}, and verifies the tables it
 * finds against their {@link TableDefinition}. Idempotent, and safe when two instances start
 * together: "already exists" from a racing peer counts as success.
 *
 * <p>These are control-plane calls made once at start, often while the machine is busy starting
 * everything else: they get their own per-call timeout (longer than the data-plane budget the
 * clients are built with) and are retried within a start budget, so a slow table creation delays
 * the start instead of aborting it. A create that timed out but went through is seen as "already
 * exists" on retry, which counts as done.
 *
 * <p>The tables and buckets are ensured {@value #PARALLEL_CALLS} at a time (the SDK clients are
 * thread-safe; DynamoDB, DynamoDB Local and S3 accept concurrent control-plane calls): a first start
 * creates 21 tables, one after another that was ~0.7 s of the platform's start (issue 15). A table
 * whose CreateTable answer already says ACTIVE (DynamoDB Local) is not polled.
 *
 * <p><b>What an existing table must be.</b> The DescribeTable answer that tells whether a table
 * exists (or the CreateTable/DescribeTable answer of one just created) is compared with the
 * definition; a start where everything matches makes no call more than before. DynamoDB Local and
 * AWS go through the same code.
 * <ul>
 *   <li>The table's key (partition and sort key names, HASH/RANGE, attribute type S), an index's
 *       key or its projection (ALL) different from the definition: the start fails with one
 *       {@link TableMismatchException} listing every difference of every table, before any index
 *       is added. DynamoDB cannot change a table's or an index's key; the operator migrates the
 *       items to a table with the defined key (or deletes an empty table, or the wrong index, and
 *       the next start creates it as defined). A request against such a table would otherwise
 *       fail at request time (5xx).
 *   <li>An index of the definition missing from the table (a table from before the index was
 *       added): the start adds it (UpdateTable, GlobalSecondaryIndexUpdates Create, the key
 *       attributes as S, on a provisioned table with the table's own capacity) and waits until
 *       it is ACTIVE, polling DescribeTable every {@link #INDEX_POLL} for at most
 *       {@link #INDEX_BUDGET}. That is what a rolling upgrade of a version that queries a new
 *       index needs: no instance of the new version could serve without it, the instances of
 *       the old version keep serving while DynamoDB backfills it (they do not use it; writes go
 *       on during a backfill), and nobody has to run an UpdateTable by hand first. On AWS a
 *       backfill reads the whole table: seconds for a small one, minutes or more for a large
 *       one (it consumes write capacity; on demand it is billed). The wait is resumable: a start
 *       that gives up (after {@link #INDEX_BUDGET}, with an {@link IllegalStateException} naming
 *       the table and the index) or is killed by its orchestrator leaves the index CREATING,
 *       and the next start finds it so and waits again instead of adding it twice. Two
 *       instances adding the same index race harmlessly (the loser's UpdateTable is refused,
 *       the index is then seen CREATING). One table's missing indexes are added one after
 *       another (DynamoDB takes one per UpdateTable and refuses an update of a table being
 *       updated), different tables' at the same time.
 *   <li>Indexes (local or global) the definition does not name, and their key attributes, are
 *       left as they are and logged at INFO.
 * </ul>
 *
 * <p>This class orders the steps; the comparison is {@code TableComparison}'s, adding an index and
 * waiting for it {@code IndexAddition}'s.
 */
public final class StorageBootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(StorageBootstrap.class);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  static final Duration START_BUDGET = Duration.ofSeconds(120);
  /** How long a start waits for an index it adds (or finds CREATING) to become ACTIVE. */
  static final Duration INDEX_BUDGET = Duration.ofMinutes(15);
  /** How often the state of such an index is asked. */
  static final Duration INDEX_POLL = Duration.ofSeconds(1);
  static final int PARALLEL_CALLS = 4;

  private final DynamoDbClient dynamoDb;
  private final ControlPlane controlPlane;
  private final IndexAddition indexAddition;
  private final BucketCreation bucketCreation;

  public StorageBootstrap(DynamoDbClient dynamoDb, S3Client s3) {
    this(dynamoDb, s3, new ControlPlane(START_BUDGET, Duration.ofMillis(250), ControlPlane::sleep),
        new ControlPlane(INDEX_BUDGET, INDEX_POLL, ControlPlane::sleep));
  }

  StorageBootstrap(DynamoDbClient dynamoDb, S3Client s3, ControlPlane controlPlane) {
    this(dynamoDb, s3, controlPlane, controlPlane);
  }

  StorageBootstrap(DynamoDbClient dynamoDb, S3Client s3, ControlPlane controlPlane, ControlPlane indexPlane) {
    this.dynamoDb = dynamoDb;
    this.controlPlane = controlPlane;
    this.indexAddition = new IndexAddition(dynamoDb, indexPlane);
    this.bucketCreation = new BucketCreation(s3, controlPlane);
  }

  /** The per-call timeouts of control-plane requests (the clients' defaults are for data calls). */
  static AwsRequestOverrideConfiguration longCall() {
    return AwsRequestOverrideConfiguration.builder()
        .apiCallTimeout(CALL_TIMEOUT).apiCallAttemptTimeout(CALL_TIMEOUT).build();
  }

  /**
   * Existing tables whose key, or whose indexes' key or projection, differ from their definitions
   * (all of them, one line per difference). DynamoDB cannot change these in place.
   */
  public static final class TableMismatchException extends IllegalStateException {
    private final List<String> differences;

    TableMismatchException(List<String> differences) {
      super("Start: " + differences.size() + (differences.size() == 1 ? " difference" : " differences")
          + " between the existing tables and the platform's table definitions. DynamoDB cannot change a"
          + " table's key nor an index's key or projection: migrate the items to a table with the defined"
          + " key (an empty table can be deleted: the next start creates it as defined), delete a wrong"
          + " index (the next start adds it as defined).\n  " + String.join("\n  ", differences));
      this.differences = List.copyOf(differences);
    }

    /** "table: what differs", one per difference. */
    public List<String> differences() {
      return differences;
    }
  }

  /** What one table or bucket step found: created or not, differences, indexes to add or wait for. */
  private record Ensured(Optional<String> created, List<String> differences, List<TableDefinition.Index> pending,
      String table) {
    static Ensured of(boolean created, String name) {
      return new Ensured(created ? Optional.of(name) : Optional.empty(), List.of(), List.of(), name);
    }
  }

  /**
   * Returns the physical names of what it created (empty when everything existed), in definition
   * order; indexes it added are logged, not returned.
   *
   * @throws TableMismatchException when existing tables differ from their definitions in what
   *     DynamoDB cannot change (no index is added then)
   */
  public List<String> ensure(StorageDefinitions definitions) {
    List<Supplier<Ensured>> steps = new ArrayList<>();
    for (TableDefinition table : definitions.tables()) {
      String name = definitions.tableName(table.name());
      steps.add(() -> ensureTable(name, table));
    }
    for (String bucket : definitions.buckets()) {
      String name = definitions.bucketName(bucket);
      steps.add(() -> Ensured.of(bucketCreation.ensure(name), name));
    }
    List<Ensured> results = ParallelSteps.run(steps, PARALLEL_CALLS, CALL_TIMEOUT);
    List<String> created = new ArrayList<>();
    List<String> differences = new ArrayList<>();
    List<Supplier<Boolean>> indexSteps = new ArrayList<>();
    for (Ensured result : results) {
      result.created().ifPresent(created::add);
      differences.addAll(result.differences());
      // one table's indexes one after another (DynamoDB refuses an update of a table being
      // updated), different tables' at the same time
      if (!result.pending().isEmpty()) indexSteps.add(() -> {
        for (TableDefinition.Index index : result.pending()) indexAddition.add(result.table(), index);
        return true;
      });
    }
    if (!differences.isEmpty()) throw new TableMismatchException(differences);
    if (!indexSteps.isEmpty()) ParallelSteps.run(indexSteps, PARALLEL_CALLS, CALL_TIMEOUT);
    return created;
  }

  private Ensured ensureTable(String name, TableDefinition table) {
    TableDescription existing = controlPlane.call("describe table " + name, () -> {
      try {
        return dynamoDb.describeTable(r -> r.tableName(name).overrideConfiguration(longCall())).table();
      } catch (ResourceNotFoundException missing) {
        return null;
      }
    });
    if (existing != null) {
      // a racing peer's table still being created: usable once ACTIVE (its keys are already known)
      if (existing.tableStatus() == TableStatus.CREATING) existing = awaitActive(name);
      return verified(name, table, existing, false);
    }
    CreateTableResponse answer = controlPlane.call("create table " + name, () -> {
      try {
        return dynamoDb.createTable(createRequest(name, table).toBuilder().overrideConfiguration(longCall()).build());
      } catch (ResourceInUseException existsAlready) { // a racing peer, or our own attempt that timed out
        return null;
      }
    });
    boolean created = answer != null;
    // ACTIVE in the answer (DynamoDB Local creates a table at once): nothing to wait for
    TableDescription description = created ? answer.tableDescription() : null;
    if (description == null || description.tableStatus() != TableStatus.ACTIVE) description = awaitActive(name);
    if (created) LOG.info("Created table {}", name);
    // ours matches by construction; a racing peer's (maybe of another version) is checked like any other
    return verified(name, table, description, created);
  }

  /** Polls until the table is ACTIVE; returns that last answer. */
  private TableDescription awaitActive(String name) {
    AtomicReference<TableDescription> last = new AtomicReference<>();
    controlPlane.await("table " + name + " active", () -> {
      try {
        last.set(dynamoDb.describeTable(r -> r.tableName(name).overrideConfiguration(longCall())).table());
        return last.get().tableStatus() == TableStatus.ACTIVE;
      } catch (ResourceNotFoundException notYet) {
        return false;
      }
    });
    return last.get();
  }

  /** The comparison of {@code found} with its definition, what no definition names logged. */
  private static Ensured verified(String name, TableDefinition table, TableDescription found, boolean created) {
    TableComparison.Outcome compared = TableComparison.compare(name, table, found);
    if (!compared.unnamed().isEmpty()) {
      LOG.info("Table {} has what no definition names, left as it is: {}", name, String.join(", ", compared.unnamed()));
    }
    return new Ensured(created ? Optional.of(name) : Optional.empty(), compared.differences(), compared.pending(), name);
  }

  static CreateTableRequest createRequest(String name, TableDefinition table) {
    List<String> attributes = new ArrayList<>();
    attributes.add(table.partitionKey());
    table.sortKey().ifPresent(attributes::add);
    List<GlobalSecondaryIndex> indexes = new ArrayList<>();
    for (TableDefinition.Index index : table.indexes()) {
      attributes.add(index.partitionKey());
      index.sortKey().ifPresent(attributes::add);
      indexes.add(GlobalSecondaryIndex.builder()
          .indexName(index.name())
          .keySchema(keys(index.partitionKey(), index.sortKey().orElse(null)))
          .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
          .build());
    }
    CreateTableRequest.Builder request = CreateTableRequest.builder()
        .tableName(name)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .keySchema(keys(table.partitionKey(), table.sortKey().orElse(null)))
        .attributeDefinitions(attributes.stream().distinct()
            .map(a -> AttributeDefinition.builder().attributeName(a).attributeType(ScalarAttributeType.S).build())
            .toList());
    if (!indexes.isEmpty()) request.globalSecondaryIndexes(indexes);
    return request.build();
  }

  /** The key schema of a defined key: partition (HASH), then sort (RANGE) if any. */
  static List<KeySchemaElement> keys(String partition, String sortOrNull) {
    List<KeySchemaElement> keys = new ArrayList<>();
    keys.add(KeySchemaElement.builder().attributeName(partition).keyType(KeyType.HASH).build());
    if (sortOrNull != null) {
      keys.add(KeySchemaElement.builder().attributeName(sortOrNull).keyType(KeyType.RANGE).build());
    }
    return keys;
  }
}
