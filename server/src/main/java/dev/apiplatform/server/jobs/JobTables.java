package dev.apiplatform.server.jobs;

import dev.apiplatform.server.storage.TableDefinition;
import java.util.List;

/**
 * The tables of the job runtime, part of the shared core's tables ({@code Services.TABLES}): job
 * records and the handler-effect ledger.
 */
public final class JobTables {

  /** Job records a client polls, keyed by {@code job_id}. */
  public static final String JOBS_TABLE = "Jobs";
  /** Effects handlers have had, keyed by {@code effect_key} (the message's idempotency key + what). */
  public static final String JOB_EFFECTS_TABLE = "JobEffects";

  public static final TableDefinition JOBS = TableDefinition.of(JOBS_TABLE, "job_id");
  public static final TableDefinition JOB_EFFECTS = TableDefinition.of(JOB_EFFECTS_TABLE, "effect_key");

  private JobTables() {}

  public static List<TableDefinition> tables() {
    return List.of(JOBS, JOB_EFFECTS);
  }
}
