package dev.apiplatform.server.jobs;

/**
 * Where a job is. {@link #rank} orders them: a record only moves to a higher rank (PROCESSING may
 * repeat, one per attempt); COMPLETED and FAILED are final. Seed 003's PENDING → PROCESSING →
 * COMPLETED is the happy path.
 */
public enum JobStatus {
  PENDING(0), PROCESSING(1), COMPLETED(2), FAILED(2);

  private final int rank;

  JobStatus(int rank) {
    this.rank = rank;
  }

  public int rank() {
    return rank;
  }

  public boolean isFinal() {
    return rank == 2;
  }
}
