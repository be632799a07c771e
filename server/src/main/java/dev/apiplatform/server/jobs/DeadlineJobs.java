package dev.apiplatform.server.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apiplatform.server.queue.JobMessage;
import dev.apiplatform.server.queue.JobQueue;
import dev.apiplatform.server.queue.QueueException;
import dev.apiplatform.server.queue.ReceivedJob;
import dev.apiplatform.server.storage.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Jobs due at an instant, on the platform queue (so they survive a crash of the server): SQS
 * delays a message at most {@link #MAX_DELAY}, so a job due later is sent with the longest delay
 * and its handler puts it back, through {@link #whenDue}, until its {@code due} instant has come.
 * The instant travels in the payload ({@value #DUE}), beside the caller's members.
 */
public final class DeadlineJobs {

  public static final Duration MAX_DELAY = Duration.ofMinutes(15);
  static final String DUE = "due";

  private final JobQueue queue;
  private final ObjectMapper json;
  private final Clock clock;

  public DeadlineJobs(JobQueue queue, ObjectMapper json, Clock clock) {
    this.queue = queue;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Sends a {@code kind} job to {@code queueName}, due at {@code due}, with {@code members} as its
   * payload; a refusal of the queue is a {@link StoreUnavailableException} (the caller's 503).
   */
  public void schedule(String queueName, String kind, String idempotencyKey, String requestId, Instant due,
      Map<String, ?> members) {
    ObjectNode payload = json.valueToTree(members);
    payload.put(DUE, due.toString());
    send(queueName, new JobMessage(kind, idempotencyKey, requestId, payload.toString(), clock.instant()), due);
  }

  /**
   * The job's payload when it is due; otherwise empty, and the job was sent again to come back
   * when it is (the handler then returns, and this delivery is done).
   */
  public Optional<JsonNode> whenDue(String queueName, ReceivedJob job) throws JsonProcessingException {
    JsonNode payload = json.readTree(job.message().payload());
    Instant due = Instant.parse(payload.path(DUE).asText());
    if (!clock.instant().isBefore(due)) return Optional.of(payload);
    JobMessage m = job.message();
    send(queueName, new JobMessage(m.kind(), m.idempotencyKey(), m.requestId(), m.payload(), clock.instant()), due);
    return Optional.empty();
  }

  private void send(String queueName, JobMessage message, Instant due) {
    Duration delay = Duration.between(clock.instant(), due);
    if (delay.isNegative()) delay = Duration.ZERO;
    if (delay.compareTo(MAX_DELAY) > 0) delay = MAX_DELAY;
    try {
      queue.enqueue(queueName, message, delay);
    } catch (QueueException e) {
      throw new StoreUnavailableException("Queueing a " + message.kind() + " job failed", e);
    }
  }
}
