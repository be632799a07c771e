package dev.apiplatform.local;

import dev.apiplatform.embedded.DynamoDbTemplate;
import dev.apiplatform.embedded.EmbeddedAws;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.storage.AwsClients;
import dev.apiplatform.server.storage.StorageBootstrap;
import dev.apiplatform.server.storage.StorageDefinitions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Build step of {@code local} ({@code process-classes}, {@code local/pom.xml}): writes the
 * {@link TableTemplate} of the default configuration ({@code make run}'s stage) to
 * {@code OUT_DIR/}{@value DynamoDbTemplate#DATABASE_FILE} and {@code OUT_DIR/fingerprint}.
 *
 * <p>It starts DynamoDB Local on a scratch directory, lets {@link StorageBootstrap} create the
 * tables exactly as a first start does, stops it, then checks the copy: a second DynamoDB Local
 * started from the copied file must describe every table exactly as defined and hold no other
 * ({@link TableTemplate#mismatches}); any difference fails the build. When {@code OUT_DIR} already
 * holds a template of the same fingerprint, nothing is done.
 *
 * <pre>java -cp ... dev.apiplatform.local.TableTemplateGenerator OUT_DIR</pre>
 */
public final class TableTemplateGenerator {

  private static final Logger LOG = LoggerFactory.getLogger(TableTemplateGenerator.class);

  private TableTemplateGenerator() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: TableTemplateGenerator OUT_DIR");
      System.exit(2);
    }
    generate(Path.of(args[0]), AppConfig.from(Map.of()));
  }

  /** Writes (or keeps, when up to date) the template of {@code config}'s table definitions under {@code outDir}. */
  static void generate(Path outDir, AppConfig config) throws IOException {
    StorageDefinitions definitions = TableTemplate.definitions(config);
    String fingerprint = TableTemplate.fingerprint(definitions);
    Path database = outDir.resolve(DynamoDbTemplate.DATABASE_FILE);
    Path fingerprintFile = outDir.resolve(TableTemplate.FINGERPRINT_FILE);
    if (Files.isRegularFile(database) && Files.isRegularFile(fingerprintFile)
        && Files.readString(fingerprintFile).strip().equals(fingerprint)) {
      LOG.info("DynamoDB Local template {} is up to date ({} tables)", outDir, definitions.tables().size());
      return;
    }
    Path scratch = Files.createTempDirectory("dynamodb-template");
    try {
      Path made = create(scratch.resolve("made"), config, definitions);
      verify(scratch.resolve("check"), made, config, definitions);
      Files.createDirectories(outDir);
      // the database first, the fingerprint last: a build killed in between leaves no fingerprint
      // that vouches for a file it did not write
      Files.deleteIfExists(fingerprintFile);
      replace(made, database);
      Path fingerprintTemp = outDir.resolve(TableTemplate.FINGERPRINT_FILE + ".tmp");
      Files.writeString(fingerprintTemp, fingerprint + "\n", StandardCharsets.UTF_8);
      Files.move(fingerprintTemp, fingerprintFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      LOG.info("DynamoDB Local template {}: {} tables, {} bytes, fingerprint {}", outDir, definitions.tables().size(),
          Files.size(database), fingerprint);
    } finally {
      deleteRecursively(scratch);
    }
  }

  /** DynamoDB Local on an empty directory, the tables created by StorageBootstrap, stopped: its database file. */
  private static Path create(Path dataDir, AppConfig config, StorageDefinitions definitions) {
    try (EmbeddedAws stores = EmbeddedAws.start(dataDir, Optional.empty());
        AwsClients aws = new AwsClients(pointedAt(config, stores))) {
      List<String> created = new StorageBootstrap(aws.dynamoDb(), aws.s3()).ensure(definitions);
      List<String> tables = definitions.tables().stream().map(t -> definitions.tableName(t.name())).toList();
      if (!created.containsAll(tables)) {
        throw new IllegalStateException("StorageBootstrap created " + created + " on an empty database, expected " + tables);
      }
    }
    Path dynamoDir = dataDir.resolve("dynamodb");
    List<String> files = list(dynamoDir);
    // a journal or WAL beside the file would hold part of the database: the template is one file
    if (!files.equals(List.of(DynamoDbTemplate.DATABASE_FILE))) {
      throw new IllegalStateException("DynamoDB Local left " + files + " in " + dynamoDir + ", expected only "
          + DynamoDbTemplate.DATABASE_FILE);
    }
    return dynamoDir.resolve(DynamoDbTemplate.DATABASE_FILE);
  }

  /** A new directory started from the copy must describe every table as defined, and hold no other. */
  private static void verify(Path dataDir, Path made, AppConfig config, StorageDefinitions definitions) {
    var template = new DynamoDbTemplate("being verified", () -> Files.newInputStream(made));
    List<String> problems;
    try (EmbeddedAws stores = EmbeddedAws.start(dataDir, Optional.of(template));
        AwsClients aws = new AwsClients(pointedAt(config, stores))) {
      problems = TableTemplate.mismatches(aws.dynamoDb(), definitions);
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("The DynamoDB Local template does not describe as defined: " + problems);
    }
  }

  static AppConfig pointedAt(AppConfig config, EmbeddedAws stores) {
    return config.withStores(stores.dynamoDbEndpoint(), stores.s3Endpoint(),
        new AppConfig.StaticCredentials(stores.accessKeyId(), stores.secretAccessKey()));
  }

  private static void replace(Path source, Path target) throws IOException {
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    try (InputStream in = Files.newInputStream(source)) {
      Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static List<String> list(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      List<Path> paths = new ArrayList<>(all.sorted(Comparator.reverseOrder()).toList());
      for (Path p : paths) Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.warn("Could not delete {}", dir, e);
    }
  }
}
