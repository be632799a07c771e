package dev.apiplatform.server.jobs;

import dev.apiplatform.server.error.Problem;
import java.time.Instant;
import java.util.Optional;

/**
 * A job a client polls.
 *
 * @param result the handler's result as JSON text, once COMPLETED
 * @param error why it FAILED, in problem shape (never a stack trace)
 * @param attempts how many times a worker started it
 */
public record JobRecord(String jobId, String ownerId, String kind, JobStatus status, Instant createdAt,
    Instant updatedAt, int attempts, Optional<String> result, Optional<Problem> error) {}
