package dev.apiplatform.server.queue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@link JobQueue} on the SQS API of the AWS SDK v2. The body is a small JSON envelope
 * ({@code kind}, {@code idempotency_key}, {@code payload}, {@code enqueued_at}); the request id of
 * the request that caused the job travels as the message attribute {@value #REQUEST_ID}, where
 * SQS tooling (console, redrive, a Lambda) shows it without opening the body. A body that is not
 * an envelope is delivered with {@code message == null}, so the runtime can dead-letter it instead
 * of choking on it.
 */
public final class SqsJobQueue implements JobQueue {

  private static final Logger LOG = LoggerFactory.getLogger(SqsJobQueue.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The message attribute carrying {@link JobMessage#requestId()}. */
  public static final String REQUEST_ID = "request_id";
  private static final String NO_REQUEST = "none";

  private final SqsClient sqs;
  private final Map<String, QueueBootstrap.Urls> urls;
  /** Empty when {@code sqs} was not built by {@link SqsClients}: then a stop waits for the poll. */
  private final java.util.Optional<AbandonableReceives> receives;

  /** @param urls what {@link QueueBootstrap#ensure} returned: logical name → queue URLs */
  public SqsJobQueue(SqsClient sqs, Map<String, QueueBootstrap.Urls> urls) {
    this.sqs = sqs;
    this.urls = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(urls));
    this.receives = SqsClients.receives(sqs);
  }

  /** {@code request_id} is only read: messages sent before it moved to the attributes carry it here. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Envelope(String kind, @JsonProperty("idempotency_key") String idempotencyKey,
      @JsonProperty("request_id") String requestId, String payload,
      @JsonProperty("enqueued_at") String enqueuedAt) {}

  @Override
  public void enqueue(String queue, JobMessage message) {
    enqueue(queue, message, Duration.ZERO);
  }

  @Override
  public void enqueue(String queue, JobMessage message, Duration delay) {
    String body;
    try {
      body = JSON.writeValueAsString(new Envelope(message.kind(), message.idempotencyKey(), null,
          message.payload(), message.enqueuedAt().toString()));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Job message not serialisable", e);
    }
    String url = url(queue).queue();
    int delaySeconds = (int) Math.min(900, Math.max(0, delay.toSeconds()));
    // SQS refuses an empty attribute value
    String requestId = message.requestId().isBlank() ? NO_REQUEST : message.requestId();
    var attributes = Map.of(REQUEST_ID, MessageAttributeValue.builder().dataType("String").stringValue(requestId).build());
    call("SendMessage to " + queue, () -> sqs.sendMessage(r -> r.queueUrl(url).messageBody(body)
        .messageAttributes(attributes).delaySeconds(delaySeconds)));
  }

  @Override
  @SuppressWarnings("deprecation") // AttributeNames too: older SQS-compatible servers read only that one
  public List<ReceivedJob> receive(String queue, int max, Duration wait) {
    String url = url(queue).queue();
    int waitSeconds = (int) Math.min(20, Math.max(0, wait.toSeconds()));
    Supplier<List<Message>> receive = () -> sqs.receiveMessage(r -> r.queueUrl(url)
        .maxNumberOfMessages(Math.max(1, Math.min(10, max)))
        .waitTimeSeconds(waitSeconds)
        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
            MessageSystemAttributeName.SENT_TIMESTAMP)
        .attributeNamesWithStrings("ApproximateReceiveCount", "SentTimestamp")
        .messageAttributeNames(REQUEST_ID)).messages();
    List<Message> messages;
    try {
      messages = receives.isPresent() ? receives.get().receive(receive) : receive.get();
    } catch (SdkException e) {
      if (abandoned(e)) return List.of();
      throw new QueueException("ReceiveMessage from " + queue + " failed: " + e.getMessage(), e);
    }
    List<ReceivedJob> jobs = new ArrayList<>(messages.size());
    for (Message m : messages) {
      var attributes = m.attributesAsStrings();
      int receiveCount = Integer.parseInt(attributes.getOrDefault("ApproximateReceiveCount", "1"));
      Instant sentAt = Instant.ofEpochMilli(Long.parseLong(attributes.getOrDefault("SentTimestamp", "0")));
      jobs.add(new ReceivedJob(queue, m.messageId(), m.receiptHandle(), receiveCount, sentAt, parse(queue, m)));
    }
    return jobs;
  }

  /** Aborts {@code poller}'s long poll (its connection is closed) and refuses its later receives. */
  @Override
  public void abandonReceives(Thread poller) {
    if (receives.isPresent()) receives.get().abandon(poller);
    else poller.interrupt();
  }

  /** How many receives wait on their connection now (tests). */
  int receivesUnderWay() {
    return receives.map(AbandonableReceives::underWay).orElse(0);
  }

  /** How many receives {@link #abandonReceives} ended while they waited (tests). */
  long abandonedPolls() {
    return receives.map(AbandonableReceives::aborted).orElse(0L);
  }

  private static boolean abandoned(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AbandonableReceives.Abandoned) return true;
    }
    return false;
  }

  private static JobMessage parse(String queue, Message m) {
    try {
      Envelope e = JSON.readValue(m.body(), Envelope.class);
      MessageAttributeValue attribute = m.messageAttributes().get(REQUEST_ID);
      String requestId = attribute != null && attribute.stringValue() != null ? attribute.stringValue()
          : e.requestId() != null ? e.requestId() : NO_REQUEST;
      return new JobMessage(e.kind(), e.idempotencyKey(), requestId, e.payload(), Instant.parse(e.enqueuedAt()));
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.warn("Message {} on {} is not a job envelope ({})", m.messageId(), queue, e.getClass().getSimpleName());
      return null;
    }
  }

  @Override
  public void delete(ReceivedJob job) {
    String url = url(job.queue()).queue();
    call("DeleteMessage on " + job.queue(), () -> sqs.deleteMessage(r -> r.queueUrl(url)
        .receiptHandle(job.receiptHandle())));
  }

  @Override
  public void changeVisibility(ReceivedJob job, Duration timeout) {
    String url = url(job.queue()).queue();
    // SQS counts whole seconds: round up, so a backoff of 300 ms is 1 s rather than none at all
    int seconds = (int) Math.min(43_200, Math.max(0, (timeout.toMillis() + 999) / 1000));
    call("ChangeMessageVisibility on " + job.queue(), () -> sqs.changeMessageVisibility(r -> r.queueUrl(url)
        .receiptHandle(job.receiptHandle()).visibilityTimeout(seconds)));
  }

  @Override
  public QueueCounts counts(String queue) {
    QueueBootstrap.Urls u = url(queue);
    Map<String, String> main = call("GetQueueAttributes of " + queue, () -> sqs.getQueueAttributes(r -> r
        .queueUrl(u.queue()).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributesAsStrings());
    Map<String, String> dlq = call("GetQueueAttributes of " + queue + " DLQ", () -> sqs.getQueueAttributes(r -> r
        .queueUrl(u.deadLetter()).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        .attributesAsStrings());
    return new QueueCounts(queue, count(main, "ApproximateNumberOfMessages"),
        count(main, "ApproximateNumberOfMessagesNotVisible"), count(main, "ApproximateNumberOfMessagesDelayed"),
        count(dlq, "ApproximateNumberOfMessages"));
  }

  @Override
  public List<String> declared() {
    return List.copyOf(urls.keySet());
  }

  private static long count(Map<String, String> attributes, String name) {
    return Long.parseLong(attributes.getOrDefault(name, "0"));
  }

  private QueueBootstrap.Urls url(String queue) {
    QueueBootstrap.Urls u = urls.get(queue);
    if (u == null) throw new IllegalArgumentException("Queue not declared: " + queue);
    return u;
  }

  private static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw new QueueException(what + " failed: " + e.getMessage(), e);
    }
  }
}
