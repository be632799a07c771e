package dev.apiplatform.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiplatform.embedded.DynamoDbTemplate;
import dev.apiplatform.embedded.EmbeddedAws;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.storage.AwsClients;
import dev.apiplatform.server.storage.StorageBootstrap;
import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.storage.TableDefinition;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The template the build packaged ({@code target/classes/dynamodb-template}, made at
 * {@code process-classes}): a new data directory started from it has the tables a first start
 * would create, a template made from other definitions is not used, and an existing database is
 * never replaced.
 */
class TableTemplateTest {

  private static final AppConfig DEFAULTS = AppConfig.from(Map.of());
  private static StorageDefinitions definitions;

  @TempDir
  Path dir;

  @BeforeAll
  static void definitions() {
    definitions = TableTemplate.definitions(DEFAULTS);
  }

  @Test
  void aNewDirectoryFromTheTemplateDescribesAsTheTablesCreateTableMakes() {
    Optional<DynamoDbTemplate> template = TableTemplate.find(DEFAULTS);
    assertThat(template).as("the build packages a template of the default stage's tables").isPresent();

    Map<String, String> fromTemplate;
    Map<String, String> created;
    try (EmbeddedAws stores = EmbeddedAws.start(dir.resolve("from-template"), template);
        AwsClients aws = new AwsClients(TableTemplateGenerator.pointedAt(DEFAULTS, stores))) {
      fromTemplate = describeAll(aws.dynamoDb());
      // the bootstrap every start runs finds every table there and creates only the buckets
      List<String> ensured = new StorageBootstrap(aws.dynamoDb(), aws.s3()).ensure(definitions);
      assertThat(ensured).containsExactlyElementsOf(
          definitions.buckets().stream().map(definitions::bucketName).toList());
      assertThat(TableTemplate.mismatches(aws.dynamoDb(), definitions)).isEmpty();
    }
    try (EmbeddedAws stores = EmbeddedAws.start(dir.resolve("created"), Optional.empty());
        AwsClients aws = new AwsClients(TableTemplateGenerator.pointedAt(DEFAULTS, stores))) {
      List<String> ensured = new StorageBootstrap(aws.dynamoDb(), aws.s3()).ensure(definitions);
      assertThat(ensured).containsAll(definitions.tables().stream().map(t -> definitions.tableName(t.name())).toList());
      created = describeAll(aws.dynamoDb());
    }

    assertThat(fromTemplate.keySet()).hasSize(definitions.tables().size());
    assertThat(fromTemplate).isEqualTo(created);
    assertThat(fromTemplate.get("dev-" + StorageDefinitions.USERS_TABLE))
        .contains("keys [HASH user_id]")
        .contains("email-index [HASH email] ALL");
  }

  @Test
  void theCheckTheBuildRunsFindsATableThatDiffers() {
    Optional<DynamoDbTemplate> template = TableTemplate.find(DEFAULTS);
    List<TableDefinition> tables = new ArrayList<>(definitions.tables());
    TableDefinition users = tables.get(0);
    tables.set(0, users.withSortKey("created_at"));
    tables.add(TableDefinition.of("NotInTheTemplate", "id"));
    StorageDefinitions other = new StorageDefinitions(definitions.stage(), definitions.bucketNamespace(), tables,
        definitions.buckets());

    try (EmbeddedAws stores = EmbeddedAws.start(dir, template);
        AwsClients aws = new AwsClients(TableTemplateGenerator.pointedAt(DEFAULTS, stores))) {
      assertThat(TableTemplate.mismatches(aws.dynamoDb(), other))
          .anySatisfy(p -> assertThat(p).startsWith("dev-" + users.name() + " keys"))
          .anySatisfy(p -> assertThat(p).isEqualTo("dev-NotInTheTemplate: missing"));
      aws.dynamoDb().createTable(r -> r.tableName("dev-Stray").billingMode("PAY_PER_REQUEST")
          .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
          .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
              .attributeType(ScalarAttributeType.S).build()));
      assertThat(TableTemplate.mismatches(aws.dynamoDb(), definitions)).containsExactly("tables not defined: [dev-Stray]");
    }
  }

  @Test
  void otherDefinitionsDoNotUseTheTemplateAndTheTablesAreCreated() {
    StorageDefinitions otherStage = new StorageDefinitions(Stage.PROD, definitions.bucketNamespace(),
        definitions.tables(), definitions.buckets());
    List<TableDefinition> changed = new ArrayList<>(definitions.tables());
    changed.set(1, changed.get(1).withIndex("new-index", "owner", null));
    StorageDefinitions otherKeys = new StorageDefinitions(definitions.stage(), definitions.bucketNamespace(), changed,
        definitions.buckets());

    assertThat(TableTemplate.fingerprint(otherStage)).isNotEqualTo(TableTemplate.fingerprint(definitions));
    assertThat(TableTemplate.fingerprint(otherKeys)).isNotEqualTo(TableTemplate.fingerprint(definitions));
    assertThat(TableTemplate.find(otherStage, TableTemplateTest::packaged)).isEmpty();
    assertThat(TableTemplate.find(otherKeys, TableTemplateTest::packaged)).isEmpty();
    assertThat(TableTemplate.find(definitions, TableTemplateTest::packaged)).isPresent();

    // what LocalPlatform then does: no template, and the bootstrap creates every table
    try (EmbeddedAws stores = EmbeddedAws.start(dir, TableTemplate.find(otherKeys, TableTemplateTest::packaged));
        AwsClients aws = new AwsClients(TableTemplateGenerator.pointedAt(DEFAULTS, stores))) {
      assertThat(aws.dynamoDb().listTables().tableNames()).isEmpty();
      List<String> ensured = new StorageBootstrap(aws.dynamoDb(), aws.s3()).ensure(otherKeys);
      assertThat(ensured).containsAll(otherKeys.tables().stream().map(t -> otherKeys.tableName(t.name())).toList());
      assertThat(TableTemplate.mismatches(aws.dynamoDb(), otherKeys)).isEmpty();
    }
  }

  @Test
  void aFingerprintFileOfOtherDefinitionsIsNotUsed(@TempDir Path fake) throws IOException {
    Path database = Files.writeString(fake.resolve(DynamoDbTemplate.DATABASE_FILE), "not a database");
    Path fingerprint = Files.writeString(fake.resolve(TableTemplate.FINGERPRINT_FILE),
        TableTemplate.fingerprint(new StorageDefinitions(Stage.PROD, "platform", definitions.tables(), List.of())) + "\n");
    TableTemplate.Resources resources = name -> Optional.of(url(name.equals(TableTemplate.FINGERPRINT_FILE) ? fingerprint : database));

    assertThat(TableTemplate.find(definitions, resources)).isEmpty();
    assertThat(TableTemplate.find(definitions, name -> Optional.empty())).isEmpty();
  }

  @Test
  void anExistingDatabaseIsOpenedAsItIsNotReplacedByTheTemplate() {
    Path dataDir = dir.resolve("data");
    try (EmbeddedAws stores = EmbeddedAws.start(dataDir, Optional.empty());
        AwsClients aws = new AwsClients(TableTemplateGenerator.pointedAt(DEFAULTS, stores))) {
      aws.dynamoDb().createTable(r -> r.tableName("Mine").billingMode("PAY_PER_REQUEST")
          .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
          .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
              .attributeType(ScalarAttributeType.S).build()));
      aws.dynamoDb().putItem(r -> r.tableName("Mine").item(Map.of("id",
          software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("kept"))));
    }

    try (EmbeddedAws stores = EmbeddedAws.start(dataDir, TableTemplate.find(DEFAULTS));
        AwsClients aws = new AwsClients(TableTemplateGenerator.pointedAt(DEFAULTS, stores))) {
      assertThat(aws.dynamoDb().listTables().tableNames()).containsExactly("Mine");
      assertThat(aws.dynamoDb().scan(r -> r.tableName("Mine")).items())
          .extracting(item -> item.get("id").s()).containsExactly("kept");
    }
  }

  private static Optional<URL> packaged(String name) {
    return Optional.ofNullable(TableTemplate.class.getResource("/" + TableTemplate.RESOURCE_DIR + "/" + name));
  }

  private static URL url(Path path) {
    try {
      return path.toUri().toURL();
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What DescribeTable says of each table, without what differs between any two creations (times, ARNs, ids). */
  private static Map<String, String> describeAll(DynamoDbClient dynamo) {
    Map<String, String> all = new TreeMap<>();
    for (String name : dynamo.listTablesPaginator(r -> r.limit(100)).tableNames()) {
      TableDescription t = dynamo.describeTable(r -> r.tableName(name)).table();
      String indexes = t.globalSecondaryIndexes().stream()
          .sorted(Comparator.comparing(GlobalSecondaryIndexDescription::indexName))
          .map(i -> i.indexName() + " " + keys(i.keySchema()) + " " + i.projection().projectionTypeAsString()
              + " " + i.projection().nonKeyAttributes() + " " + i.indexStatusAsString() + " items " + i.itemCount())
          .collect(Collectors.joining("; "));
      all.put(name, "keys " + keys(t.keySchema())
          + " attributes " + t.attributeDefinitions().stream()
              .map(a -> a.attributeName() + ":" + a.attributeTypeAsString()).sorted().toList()
          + " billing " + (t.billingModeSummary() == null ? null : t.billingModeSummary().billingModeAsString())
          + " throughput " + (t.provisionedThroughput() == null ? null
              : t.provisionedThroughput().readCapacityUnits() + "/" + t.provisionedThroughput().writeCapacityUnits())
          + " status " + t.tableStatusAsString()
          + " items " + t.itemCount()
          + " stream " + t.streamSpecification()
          + " lsi " + t.localSecondaryIndexes()
          + " gsi " + indexes);
    }
    return all;
  }

  private static String keys(List<KeySchemaElement> schema) {
    return schema.stream().map(k -> k.keyTypeAsString() + " " + k.attributeName()).toList().toString();
  }
}
