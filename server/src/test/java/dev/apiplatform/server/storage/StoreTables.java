package dev.apiplatform.server.storage;

import dev.apiplatform.embedded.EmbeddedAws;
import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.platform.Groups;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * DynamoDB Local (and S3Proxy) in a temp dir with the platform's tables created by
 * {@link StorageBootstrap}, as the store tests need them. One per test class.
 */
public final class StoreTables implements AutoCloseable {

  public final StorageDefinitions definitions = Groups.storage(Stage.DEV, "test", Groups.all());
  public final DynamoDbClient dynamo;
  private final Path dir;
  private final EmbeddedAws aws;
  private final S3Client s3;

  private StoreTables(Path dir) {
    this.dir = dir;
    this.aws = EmbeddedAws.start(dir);
    var credentials = StaticCredentialsProvider.create(
        AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey()));
    this.dynamo = DynamoDbClient.builder()
        .endpointOverride(aws.dynamoDbEndpoint())
        .region(Region.of(aws.region()))
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.builder().build())
        .build();
    this.s3 = S3Client.builder()
        .endpointOverride(aws.s3Endpoint())
        .region(Region.of(aws.region()))
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.builder().build())
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build();
    new StorageBootstrap(dynamo, s3).ensure(definitions);
  }

  public static StoreTables start() {
    try {
      return new StoreTables(Files.createTempDirectory("store-test"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The temp dir the stores persist under (also fine for dev-stage key files). */
  public Path dir() {
    return dir;
  }

  @Override
  public void close() {
    dynamo.close();
    s3.close();
    aws.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp dir left behind is harmless
    }
  }
}
