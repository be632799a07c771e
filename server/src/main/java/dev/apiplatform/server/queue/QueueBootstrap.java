package dev.apiplatform.server.queue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Creates each declared queue and its dead-letter queue, or brings an existing one's attributes
 * (visibility, retention, redrive policy) to the declaration. Idempotent and safe when two
 * instances start together. Same calls against SQS and ElasticMQ.
 */
public final class QueueBootstrap {

  private static final Logger LOG = LoggerFactory.getLogger(QueueBootstrap.class);
  /** The longest SQS allows: a dead letter stays for inspection and redrive. */
  private static final String DLQ_RETENTION_SECONDS = "1209600";

  /** The URLs of one declared queue and of its dead-letter queue. */
  public record Urls(String queue, String deadLetter) {}

  private final SqsClient sqs;
  private final QueueNames names;

  public QueueBootstrap(SqsClient sqs, QueueNames names) {
    this.sqs = sqs;
    this.names = names;
  }

  /** @return logical name → URLs, in declaration order */
  public Map<String, Urls> ensure(List<QueueDeclaration> declarations) {
    Map<String, Urls> urls = new LinkedHashMap<>();
    try {
      for (QueueDeclaration d : declarations) {
        String dlqUrl = ensureQueue(names.physical(d.deadLetterName()),
            Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, DLQ_RETENTION_SECONDS));
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes().get(QueueAttributeName.QUEUE_ARN);
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(d.visibilityTimeout().toSeconds()));
        attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, Long.toString(d.retention().toSeconds()));
        attributes.put(QueueAttributeName.REDRIVE_POLICY,
            "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":" + d.maxReceives() + "}");
        String url = ensureQueue(names.physical(d.name()), attributes);
        urls.put(d.name(), new Urls(url, dlqUrl));
      }
    } catch (SdkException e) {
      throw new QueueException("Declaring the queues failed: " + e.getMessage(), e);
    }
    return urls;
  }

  private String ensureQueue(String name, Map<QueueAttributeName, String> attributes) {
    try {
      String url = sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
      LOG.debug("Queue {} declared", name);
      return url;
    } catch (SqsException e) {
      if (!exists(e)) throw e;
      // it exists with other attributes (e.g. MAX_RECEIVES changed): make it match the declaration
      String url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
      sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(attributes));
      LOG.info("Queue {} updated to its declaration", name);
      return url;
    }
  }

  /** SQS says QueueNameExists (JSON protocol) or QueueAlreadyExists (query protocol, ElasticMQ). */
  private static boolean exists(SqsException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return code != null && (code.endsWith("QueueNameExists") || code.endsWith("QueueAlreadyExists"));
  }
}
