package dev.apiplatform.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.platform.Groups;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * Start-time table and bucket creation on a busy machine: the first calls time out (as DynamoDB
 * Local did in 1 of 10 cold starts), and a create that timed out went through anyway.
 */
class StorageBootstrapTest {

  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  private final ControlPlane retrying = new ControlPlane(Duration.ofSeconds(60), Duration.ofMillis(1), sleeps::add);

  /**
   * Times out the first {@code timeouts} calls of every kind, then behaves like DynamoDB; synchronized:
   * the bootstrap calls it from several threads.
   */
  static class SlowDynamo implements DynamoDbClient {
    final Map<String, Integer> calls = new HashMap<>();
    final Set<String> tables = new HashSet<>();
    final List<Duration> callTimeouts = new ArrayList<>();
    final int timeouts;

    SlowDynamo(int timeouts) {
      this.timeouts = timeouts;
    }

    private void maybeTimeOut(String kind) {
      if (calls.merge(kind, 1, Integer::sum) <= timeouts) {
        throw ApiCallTimeoutException.create(5000);
      }
    }

    @Override
    public synchronized DescribeTableResponse describeTable(Consumer<DescribeTableRequest.Builder> r) {
      DescribeTableRequest.Builder b = DescribeTableRequest.builder();
      r.accept(b);
      DescribeTableRequest request = b.build();
      request.overrideConfiguration().flatMap(o -> o.apiCallTimeout()).ifPresent(callTimeouts::add);
      maybeTimeOut("describe");
      if (!tables.contains(request.tableName())) throw ResourceNotFoundException.builder().message("no").build();
      return DescribeTableResponse.builder()
          .table(TableDescription.builder().tableName(request.tableName()).tableStatus(TableStatus.ACTIVE).build()).build();
    }

    @Override
    public synchronized CreateTableResponse createTable(CreateTableRequest request) {
      request.overrideConfiguration().flatMap(o -> o.apiCallTimeout()).ifPresent(callTimeouts::add);
      if (calls.merge("create", 1, Integer::sum) <= timeouts) {
        tables.add(request.tableName()); // the timed-out attempt created it all the same
        throw ApiCallTimeoutException.create(5000);
      }
      if (!tables.add(request.tableName())) throw ResourceInUseException.builder().message("exists").build();
      return CreateTableResponse.builder().build();
    }

    @Override
    public String serviceName() {
      return "dynamodb";
    }

    @Override
    public void close() {}
  }

  static final class SlowS3 implements S3Client {
    final Set<String> buckets = new HashSet<>();
    int heads;

    @Override
    public synchronized HeadBucketResponse headBucket(Consumer<HeadBucketRequest.Builder> r) {
      HeadBucketRequest.Builder b = HeadBucketRequest.builder();
      r.accept(b);
      if (heads++ == 0) throw ApiCallTimeoutException.create(5000);
      if (!buckets.contains(b.build().bucket())) throw NoSuchBucketException.builder().message("no").build();
      return HeadBucketResponse.builder().build();
    }

    @Override
    public synchronized CreateBucketResponse createBucket(Consumer<CreateBucketRequest.Builder> r) {
      CreateBucketRequest.Builder b = CreateBucketRequest.builder();
      r.accept(b);
      buckets.add(b.build().bucket());
      return CreateBucketResponse.builder().build();
    }

    @Override
    public String serviceName() {
      return "s3";
    }

    @Override
    public void close() {}
  }

  @Test
  void timedOutControlPlaneCalls_areRetried_andAStartSucceeds() {
    SlowDynamo dynamo = new SlowDynamo(2);
    SlowS3 s3 = new SlowS3();
    StorageDefinitions definitions = Groups.storage(Stage.DEV, "test", Groups.all());

    new StorageBootstrap(dynamo, s3, retrying).ensure(definitions);

    for (TableDefinition table : definitions.tables()) {
      assertThat(dynamo.tables).contains(definitions.tableName(table.name()));
    }
    assertThat(s3.buckets).isNotEmpty();
    assertThat(sleeps).isNotEmpty();
  }

  @Test
  void controlPlaneCalls_getALongerTimeoutThanDataCalls() {
    SlowDynamo dynamo = new SlowDynamo(0);
    new StorageBootstrap(dynamo, new SlowS3(), retrying).ensure(Groups.storage(Stage.DEV, "test", Groups.all()));
    assertThat(dynamo.callTimeouts).isNotEmpty().allSatisfy(t -> assertThat(t).isEqualTo(StorageBootstrap.CALL_TIMEOUT));
  }

  @Test
  void aTableAnsweredActive_isNotPolled_andOneStillCreatingIs() {
    StorageDefinitions definitions = Groups.storage(Stage.DEV, "test", Groups.all());
    SlowDynamo activeAtOnce = new SlowDynamo(0) {
      @Override
      public synchronized CreateTableResponse createTable(CreateTableRequest request) {
        super.createTable(request);
        return CreateTableResponse.builder().tableDescription(
            TableDescription.builder().tableName(request.tableName()).tableStatus(TableStatus.ACTIVE).build()).build();
      }
    };
    SlowDynamo creating = new SlowDynamo(0);

    List<String> createdAtOnce = new StorageBootstrap(activeAtOnce, new SlowS3(), retrying).ensure(definitions);
    List<String> createdLater = new StorageBootstrap(creating, new SlowS3(), retrying).ensure(definitions);

    int tables = definitions.tables().size();
    assertThat(activeAtOnce.calls).containsEntry("describe", tables).containsEntry("create", tables);
    assertThat(creating.calls).containsEntry("describe", 2 * tables).containsEntry("create", tables);
    assertThat(createdAtOnce).isEqualTo(createdLater).hasSize(tables + definitions.buckets().size());
  }

  @Test
  void aRealErrorIsNotRetried() {
    List<String> described = Collections.synchronizedList(new ArrayList<>());
    DynamoDbClient broken = new SlowDynamo(0) {
      @Override
      public DescribeTableResponse describeTable(Consumer<DescribeTableRequest.Builder> r) {
        DescribeTableRequest.Builder b = DescribeTableRequest.builder();
        r.accept(b);
        described.add(b.build().tableName());
        throw (DynamoDbException) DynamoDbException.builder().statusCode(400).message("ValidationException").build();
      }
    };
    assertThatThrownBy(() -> new StorageBootstrap(broken, new SlowS3(), retrying)
        .ensure(Groups.storage(Stage.DEV, "test", Groups.all()))).isInstanceOf(DynamoDbException.class);
    // tables are ensured in parallel, so several may have been asked; none twice
    assertThat(described).isNotEmpty().doesNotHaveDuplicates();
  }

  @Test
  void retriesStopAtTheBudget() {
    ControlPlane shortBudget = new ControlPlane(Duration.ZERO, Duration.ofMillis(1), sleeps::add);
    assertThatThrownBy(() -> new StorageBootstrap(new SlowDynamo(100), new SlowS3(), shortBudget)
        .ensure(Groups.storage(Stage.DEV, "test", Groups.all()))).isInstanceOf(ApiCallTimeoutException.class);
  }
}
