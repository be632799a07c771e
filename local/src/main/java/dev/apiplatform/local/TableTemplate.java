package dev.apiplatform.local;

import dev.apiplatform.embedded.DynamoDbTemplate;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.platform.Groups;
import dev.apiplatform.server.storage.StorageBootstrap;
import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.storage.TableDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.dynamodb.services.local.main.ServerRunner;

/**
 * The DynamoDB Local database a new {@code DATA_DIR} starts from (issue 15: the 21
 * {@code CreateTable}s were the core's longest wait on a first start, ~0.9 s of CPU). The build
 * makes it ({@link TableTemplateGenerator}, {@code local/pom.xml}, never in git): an empty database
 * in which {@link StorageBootstrap} itself created the platform's tables, packaged under
 * {@value #RESOURCE_DIR}/ beside a {@linkplain #fingerprint fingerprint} of what it was made from.
 *
 * <p>A start uses it only when that fingerprint equals the one of its own table definitions
 * (stage-prefixed names, keys, indexes of every group), of the {@code StorageBootstrap} class that
 * turns them into {@code CreateTable}s, and of the DynamoDB Local and SDK jars, and only for an
 * empty {@code dynamodb/} directory ({@link DynamoDbTemplate}). Otherwise it is not used and
 * {@code StorageBootstrap} creates the tables as before. {@code StorageBootstrap.ensure} runs on
 * every start either way; note that it checks only that each table <em>exists</em> (a
 * {@code DescribeTable} that does not answer ResourceNotFound), not its keys or indexes: a table
 * missing from a template would be created and logged, but one with other keys would go unnoticed
 * at start. That is why the generator fails the build unless every table of the copied template
 * describes exactly as its definition says ({@link #mismatches}), and why the fingerprint covers
 * the code that creates the tables and not only the definitions.
 */
public final class TableTemplate {

  private static final Logger LOG = LoggerFactory.getLogger(TableTemplate.class);

  /** Where the template lives on the class path (the platform jar). */
  static final String RESOURCE_DIR = "dynamodb-template";
  static final String FINGERPRINT_FILE = "fingerprint";

  /** Looks up the packaged files; the tests give other ones. */
  interface Resources {
    Optional<URL> find(String name);
  }

  private static final Resources CLASS_PATH =
      name -> Optional.ofNullable(TableTemplate.class.getResource("/" + RESOURCE_DIR + "/" + name));

  private TableTemplate() {}

  /** The tables and buckets a start of the platform with this configuration ensures (as {@code Core} does). */
  static StorageDefinitions definitions(AppConfig config) {
    return Groups.storage(config.stage(), config.aws().bucketNamespace(), Groups.all());
  }

  /**
   * The packaged template, if it was made from exactly the table definitions this configuration
   * starts with; empty (and the tables are created) when the jar holds none or another one.
   */
  public static Optional<DynamoDbTemplate> find(AppConfig config) {
    return find(definitions(config), CLASS_PATH);
  }

  static Optional<DynamoDbTemplate> find(StorageDefinitions definitions, Resources resources) {
    Optional<URL> database = resources.find(DynamoDbTemplate.DATABASE_FILE);
    Optional<URL> fingerprintFile = resources.find(FINGERPRINT_FILE);
    if (database.isEmpty() || fingerprintFile.isEmpty()) {
      LOG.debug("No DynamoDB Local template on the class path: the tables are created");
      return Optional.empty();
    }
    String packaged = read(fingerprintFile.get()).strip();
    String wanted = fingerprint(definitions);
    if (!packaged.equals(wanted)) {
      LOG.info("The DynamoDB Local template ({}) was made from other table definitions than this start's ({}):"
          + " not used, the tables are created", shortForm(packaged), shortForm(wanted));
      return Optional.empty();
    }
    URL url = database.get();
    return Optional.of(new DynamoDbTemplate(definitions.tables().size() + " tables, " + shortForm(wanted),
        url::openStream));
  }

  private static String shortForm(String fingerprint) {
    return fingerprint.length() > 12 ? fingerprint.substring(0, 12) : fingerprint;
  }

  /** SHA-256 of {@link #canonical}. */
  static String fingerprint(StorageDefinitions definitions) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical(definitions).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Everything a template depends on, one item a line: the physical tables in definition order
   * with their keys and indexes, the bytes of {@code StorageBootstrap} (which builds the
   * {@code CreateTable} requests: billing mode, projections, attribute types), and the jars of
   * DynamoDB Local (its database layout) and of the SDK's DynamoDB model.
   */
  static String canonical(StorageDefinitions definitions) {
    StringBuilder text = new StringBuilder("dynamodb-template 1\n");
    for (TableDefinition table : definitions.tables()) {
      text.append("table ").append(definitions.tableName(table.name()))
          .append(" hash ").append(table.partitionKey())
          .append(" range ").append(table.sortKey().orElse("-")).append('\n');
      for (TableDefinition.Index index : table.indexes()) {
        text.append("  index ").append(index.name())
            .append(" hash ").append(index.partitionKey())
            .append(" range ").append(index.sortKey().orElse("-")).append('\n');
      }
    }
    text.append("creator ").append(classDigest(StorageBootstrap.class)).append('\n');
    text.append("dynamodb-local ").append(jarName(ServerRunner.class)).append('\n');
    text.append("sdk ").append(jarName(DynamoDbClient.class)).append('\n');
    return text.toString();
  }

  private static String classDigest(Class<?> type) {
    String resource = type.getSimpleName() + ".class";
    try (InputStream in = type.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("cannot read " + resource);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The file name of the jar a class comes from (its version is in the name), or its class path entry. */
  private static String jarName(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) return "unknown";
    String path = source.getLocation().getPath();
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  private static String read(URL url) {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + url, e);
    }
  }

  /**
   * How the tables DynamoDB answers for differ from the definitions (empty: none): every defined
   * table exists with exactly its hash/range keys, string attributes, on-demand billing and its
   * indexes (keys, projection ALL), and no other table exists.
   */
  static List<String> mismatches(DynamoDbClient dynamo, StorageDefinitions definitions) {
    List<String> problems = new ArrayList<>();
    Map<String, TableDefinition> expected = new TreeMap<>();
    definitions.tables().forEach(t -> expected.put(definitions.tableName(t.name()), t));
    List<String> present = dynamo.listTablesPaginator(r -> r.limit(100)).tableNames().stream().toList();
    List<String> extra = present.stream().filter(name -> !expected.containsKey(name)).toList();
    if (!extra.isEmpty()) problems.add("tables not defined: " + extra);
    for (Map.Entry<String, TableDefinition> entry : expected.entrySet()) {
      String name = entry.getKey();
      if (!present.contains(name)) {
        problems.add(name + ": missing");
        continue;
      }
      TableDefinition table = entry.getValue();
      TableDescription actual = dynamo.describeTable(r -> r.tableName(name)).table();
      check(problems, name + " keys", keys(table.partitionKey(), table.sortKey()), keys(actual.keySchema()));
      check(problems, name + " billing", "PAY_PER_REQUEST",
          actual.billingModeSummary() == null ? "-" : String.valueOf(actual.billingModeSummary().billingMode()));
      List<String> attributes = new ArrayList<>();
      attributes.add(table.partitionKey());
      table.sortKey().ifPresent(attributes::add);
      table.indexes().forEach(i -> {
        attributes.add(i.partitionKey());
        i.sortKey().ifPresent(attributes::add);
      });
      check(problems, name + " attributes",
          attributes.stream().distinct().sorted().map(a -> a + ":S").collect(Collectors.joining(",")),
          actual.attributeDefinitions().stream().map(TableTemplate::attribute).sorted().collect(Collectors.joining(",")));
      Map<String, String> wantIndexes = new TreeMap<>();
      table.indexes().forEach(i -> wantIndexes.put(i.name(), keys(i.partitionKey(), i.sortKey()) + " ALL"));
      Map<String, String> haveIndexes = new TreeMap<>();
      for (GlobalSecondaryIndexDescription index : actual.globalSecondaryIndexes()) {
        haveIndexes.put(index.indexName(), keys(index.keySchema()) + " " + index.projection().projectionTypeAsString());
      }
      check(problems, name + " indexes", wantIndexes.toString(), haveIndexes.toString());
      if (!actual.localSecondaryIndexes().isEmpty()) problems.add(name + ": local indexes " + actual.localSecondaryIndexes());
    }
    return problems;
  }

  private static void check(List<String> problems, String what, String expected, String actual) {
    if (!expected.equals(actual)) problems.add(what + ": expected " + expected + ", found " + actual);
  }

  private static String keys(String partition, Optional<String> sort) {
    return "HASH " + partition + sort.map(s -> " RANGE " + s).orElse("");
  }

  private static String keys(List<KeySchemaElement> schema) {
    return schema.stream().map(k -> k.keyTypeAsString() + " " + k.attributeName()).collect(Collectors.joining(" "));
  }

  private static String attribute(AttributeDefinition definition) {
    return definition.attributeName() + ":" + definition.attributeTypeAsString();
  }
}
