package dev.apiplatform.server.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apiplatform.server.error.Problem;
import dev.apiplatform.server.storage.StoreCalls;
import dev.apiplatform.server.storage.StorageDefinitions;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Job records on the {@code Jobs} table. Every status change is a conditional update on
 * {@code status_rank}, so a late or repeated worker can never move a job backwards (a COMPLETED
 * job stays COMPLETED when a redelivered message starts it again).
 */
public final class JobRecords {

  private static final Logger LOG = LoggerFactory.getLogger(JobRecords.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "job_id";
  private static final String OWNER = "owner_id";
  private static final String KIND = "kind";
  private static final String STATUS = "status";
  private static final String RANK = "status_rank";
  private static final String CREATED = "created_at";
  private static final String UPDATED = "updated_at";
  private static final String ATTEMPTS = "attempts";
  private static final String RESULT = "result";
  private static final String ERROR = "error";

  /**
   * Told of every status change this process makes (create and each successful move), after the
   * write: the WebSocket health-analysis channel pushes them. Runs on the writer's thread, so it
   * must be quick and must not throw (a throw is logged and ignored). Changes other processes make
   * (a separate {@code WorkerMain}) are not seen here.
   */
  @FunctionalInterface
  public interface Listener {
    void changed(JobRecord record);
  }

  private final DynamoDbClient dynamo;
  private final String table;
  private final Clock clock;
  private final java.util.List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  public JobRecords(DynamoDbClient dynamo, StorageDefinitions definitions, Clock clock) {
    this.dynamo = dynamo;
    this.table = definitions.tableName(JobTables.JOBS_TABLE);
    this.clock = clock;
  }

  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  public void removeListener(Listener listener) {
    listeners.remove(listener);
  }

  private void tell(JobRecord record) {
    for (Listener listener : listeners) {
      try {
        listener.changed(record);
      } catch (RuntimeException e) {
        LOG.warn("A job status listener failed for job {}", record.jobId(), e);
      }
    }
  }

  /** A new PENDING job with a random id; enqueue its message after this returns. */
  public JobRecord create(String ownerId, String kind) {
    Instant now = clock.instant();
    String id = UUID.randomUUID().toString();
    Map<String, AttributeValue> item = Map.of(ID, s(id), OWNER, s(ownerId), KIND, s(kind),
        STATUS, s(JobStatus.PENDING.name()), RANK, n(JobStatus.PENDING.rank()), CREATED, s(now.toString()),
        UPDATED, s(now.toString()), ATTEMPTS, n(0));
    StoreCalls.dynamo("Job create", () -> dynamo.putItem(r -> r.tableName(table).item(item)
        .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", ID))));
    JobRecord created = new JobRecord(id, ownerId, kind, JobStatus.PENDING, now, now, 0, Optional.empty(),
        Optional.empty());
    tell(created);
    return created;
  }

  public Optional<JobRecord> find(String jobId) {
    Map<String, AttributeValue> item = StoreCalls.dynamo("Job read", () -> dynamo.getItem(r -> r
        .tableName(table).key(Map.of(ID, s(jobId))).consistentRead(true)).item());
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRecord(item));
  }

  /** PENDING/PROCESSING → PROCESSING, one more attempt. False if the job is final (or unknown). */
  public boolean markProcessing(String jobId) {
    return move(jobId, JobStatus.PROCESSING, "ADD #attempts :one", Map.of("#attempts", ATTEMPTS),
        Map.of(":one", n(1)));
  }

  /** → COMPLETED with {@code resultJson}. False if the job was already final. */
  public boolean complete(String jobId, String resultJson) {
    return move(jobId, JobStatus.COMPLETED, "", Map.of("#result", RESULT), Map.of(":result", s(resultJson)));
  }

  /** → FAILED with {@code error}. False if the job was already final. */
  public boolean fail(String jobId, Problem error) {
    String json;
    try {
      json = JSON.writeValueAsString(error);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Problem not serialisable", e);
    }
    return move(jobId, JobStatus.FAILED, "", Map.of("#error", ERROR), Map.of(":error", s(json)));
  }

  /**
   * Removes the record for good (a GDPR deletion of what the job was about). A worker that
   * still holds the job then finds it gone: {@link #markProcessing} and the final moves
   * answer false, so nothing revives it.
   */
  public void delete(String jobId) {
    StoreCalls.dynamo("Job delete", () -> dynamo.deleteItem(r -> r.tableName(table).key(Map.of(ID, s(jobId)))));
  }

  private boolean move(String jobId, JobStatus to, String add, Map<String, String> names,
      Map<String, AttributeValue> values) {
    Map<String, String> allNames = new HashMap<>(names);
    allNames.put("#status", STATUS);
    allNames.put("#rank", RANK);
    allNames.put("#updated", UPDATED);
    allNames.put("#id", ID);
    Map<String, AttributeValue> allValues = new HashMap<>(values);
    allValues.put(":status", s(to.name()));
    allValues.put(":rank", n(to.rank()));
    allValues.put(":now", s(clock.instant().toString()));
    StringBuilder set = new StringBuilder("SET #status = :status, #rank = :rank, #updated = :now");
    if (names.containsKey("#result")) set.append(", #result = :result");
    if (names.containsKey("#error")) set.append(", #error = :error");
    String update = add.isEmpty() ? set.toString() : set + " " + add;
    // PROCESSING may repeat (one per attempt); a final status is never left
    String condition = to.isFinal() ? "attribute_exists(#id) AND #rank < :rank"
        : "attribute_exists(#id) AND #rank <= :rank";
    try {
      var updated = StoreCalls.dynamo("Job update", () -> dynamo.updateItem(r -> r.tableName(table)
          .key(Map.of(ID, s(jobId))).updateExpression(update).conditionExpression(condition)
          .expressionAttributeNames(allNames).expressionAttributeValues(allValues)
          .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW)));
      if (!listeners.isEmpty() && updated.hasAttributes()) tell(toRecord(updated.attributes()));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  private static JobRecord toRecord(Map<String, AttributeValue> item) {
    Optional<Problem> error = Optional.ofNullable(item.get(ERROR)).map(AttributeValue::s).map(json -> {
      try {
        return JSON.readValue(json, Problem.class);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Stored job error is not a problem", e);
      }
    });
    return new JobRecord(item.get(ID).s(), item.get(OWNER).s(), item.get(KIND).s(),
        JobStatus.valueOf(item.get(STATUS).s()), Instant.parse(item.get(CREATED).s()),
        Instant.parse(item.get(UPDATED).s()), Integer.parseInt(item.get(ATTEMPTS).n()),
        Optional.ofNullable(item.get(RESULT)).map(AttributeValue::s), error);
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  private static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }
}
