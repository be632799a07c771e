package dev.apiplatform.server.queue;

import java.time.Instant;

/**
 * One delivery of a message.
 *
 * @param receiveCount SQS's {@code ApproximateReceiveCount}: 1 on the first delivery
 * @param sentAt when SQS accepted the message ({@code SentTimestamp})
 */
public record ReceivedJob(String queue, String messageId, String receiptHandle, int receiveCount, Instant sentAt,
    JobMessage message) {}
