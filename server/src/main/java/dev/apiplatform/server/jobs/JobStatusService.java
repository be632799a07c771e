package dev.apiplatform.server.jobs;

import dev.apiplatform.server.domain.NotFound;

/**
 * What a group's {@code GET .../{id}} status endpoint calls: the caller's own job or a 404. Not a
 * 403 for someone else's job, so ids cannot be probed for existence.
 */
public final class JobStatusService {

  private final JobRecords records;

  public JobStatusService(JobRecords records) {
    this.records = records;
  }

  /**
   * @param kindPrefix the group's job kinds ({@code "clarity."}); a job of another group is "not found" too
   * @throws NotFound (404 through the problem table) when unknown, not the caller's, or not the group's
   */
  public JobRecord ownedBy(String jobId, String callerId, String kindPrefix) {
    return records.find(jobId)
        .filter(job -> job.ownerId().equals(callerId))
        .filter(job -> job.kind().startsWith(kindPrefix))
        .orElseThrow(() -> new NotFound("No job with this id"));
  }
}
