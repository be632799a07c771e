package dev.apiplatform.server.system;

import dev.apiplatform.server.system.DependencyProbe.Failure;
import java.time.Duration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Probes of the two stores, each bounded by the health timeout rather than the client's own. The
 * only place /health knows about the AWS SDK: failures leave as a {@link Failure} with a word.
 */
public final class AwsProbes {

  private AwsProbes() {}

  public static DependencyProbe dynamoDb(DynamoDbClient client, Duration timeout) {
    return new DependencyProbe() {
      @Override
      public String name() {
        return "dynamodb";
      }

      @Override
      public void probe() throws Failure {
        try {
          client.listTables(r -> r.limit(1).overrideConfiguration(c -> c.apiCallTimeout(timeout)));
        } catch (SdkException e) {
          throw new Failure(reason(e));
        }
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
      public void probe() throws Failure {
        try {
          client.headBucket(r -> r.bucket(bucket).overrideConfiguration(c -> c.apiCallTimeout(timeout)));
        } catch (SdkException e) {
          throw new Failure(reason(e));
        }
      }
    };
  }

  /** The SDK's failure in a word: the service's error code, "timeout", "unreachable". */
  static String reason(SdkException e) {
    if (e instanceof ApiCallTimeoutException) return "timeout";
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
        && aws.awsErrorDetails().errorCode() != null) {
      return aws.awsErrorDetails().errorCode();
    }
    if (e instanceof AwsServiceException aws) return "http " + aws.statusCode();
    if (e instanceof SdkClientException) return "unreachable";
    return "error";
  }
}
