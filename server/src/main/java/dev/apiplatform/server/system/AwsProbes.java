package dev.apiplatform.server.system;

import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Probes of the two stores, each bounded by the health timeout rather than the client's own. */
public final class AwsProbes {

  private AwsProbes() {}

  public static DependencyProbe dynamoDb(DynamoDbClient client, Duration timeout) {
    return new DependencyProbe() {
      @Override
      public String name() {
        return "dynamodb";
      }

      @Override
      public void probe() {
        client.listTables(r -> r.limit(1).overrideConfiguration(c -> c.apiCallTimeout(timeout)));
      }
    };
  }

  public static DependencyProbe s3(S3Client client, String bucket, Duration timeout) {
    return new DependencyProbe() {
      @Override
      public String name() {
        return "s3";
      }

      @Override
      public void probe() {
        client.headBucket(r -> r.bucket(bucket).overrideConfiguration(c -> c.apiCallTimeout(timeout)));
      }
    };
  }
}
