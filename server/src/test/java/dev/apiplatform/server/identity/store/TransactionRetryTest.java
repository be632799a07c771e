package dev.apiplatform.server.identity.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.identity.store.DuplicateUserException;
import dev.apiplatform.server.identity.store.DynamoUserStore;
import dev.apiplatform.server.storage.StoreUnavailableException;
import dev.apiplatform.server.identity.store.User;
import dev.apiplatform.server.platform.Groups;
import dev.apiplatform.server.storage.StorageDefinitions;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * DynamoDB Local serializes transactions and never cancels one with {@code TransactionConflict};
 * DynamoDB does when two transactions touch one item at once. A scripted client stands in here.
 */
class TransactionRetryTest {

  private static final StorageDefinitions DEFINITIONS = Groups.storage(Stage.DEV, "test", Groups.all());
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  /** Answers transactWriteItems from a script: an exception to throw, or null for success. */
  private static final class ScriptedDynamo implements DynamoDbClient {
    final Deque<RuntimeException> script = new ArrayDeque<>();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
      calls.incrementAndGet();
      RuntimeException next = script.poll();
      if (next != null) throw next;
      return TransactWriteItemsResponse.builder().build();
    }

    @Override
    public String serviceName() {
      return "dynamodb";
    }

    @Override
    public void close() {}
  }

  private static TransactionCanceledException cancelled(String... codes) {
    return TransactionCanceledException.builder()
        .message("Transaction cancelled")
        .cancellationReasons(java.util.Arrays.stream(codes)
            .map(c -> CancellationReason.builder().code(c).build()).toList())
        .build();
  }

  @Test
  void transactionCancelledByAConflictIsRetried() {
    ScriptedDynamo dynamo = new ScriptedDynamo();
    dynamo.script.add(cancelled("None", "TransactionConflict"));
    dynamo.script.add(cancelled("TransactionConflict", "None"));
    DynamoUserStore store = new DynamoUserStore(dynamo, DEFINITIONS);

    User created = store.create(User.newUser("u-1", T0).withEmail("a@example.com", false));

    assertThat(created.version()).isEqualTo(1);
    assertThat(dynamo.calls).hasValue(3);
  }

  @Test
  void conflictThenConditionFailureIsADuplicate() {
    ScriptedDynamo dynamo = new ScriptedDynamo();
    dynamo.script.add(cancelled("None", "TransactionConflict"));
    dynamo.script.add(cancelled("None", "ConditionalCheckFailed"));
    DynamoUserStore store = new DynamoUserStore(dynamo, DEFINITIONS);

    assertThatThrownBy(() -> store.create(User.newUser("u-1", T0).withEmail("a@example.com", false)))
        .isInstanceOfSatisfying(DuplicateUserException.class,
            d -> assertThat(d.field()).isEqualTo(DuplicateUserException.Field.EMAIL));
  }

  @Test
  void endlessConflictsAndClientFailuresBecomeStoreUnavailable() {
    ScriptedDynamo dynamo = new ScriptedDynamo();
    for (int i = 0; i < 20; i++) dynamo.script.add(cancelled("TransactionConflict"));
    DynamoUserStore store = new DynamoUserStore(dynamo, DEFINITIONS);
    assertThatThrownBy(() -> store.create(User.newUser("u-1", T0)))
        .isInstanceOf(StoreUnavailableException.class);

    dynamo.script.clear();
    dynamo.script.add(SdkClientException.create("connection refused"));
    assertThatThrownBy(() -> store.create(User.newUser("u-2", T0)))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("connection refused");
  }
}
