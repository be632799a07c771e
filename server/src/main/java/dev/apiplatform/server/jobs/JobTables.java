package dev.apiplatform.server.jobs;

import dev.apiplatform.server.storage.TableDefinition;
import java.util.List;

/**
 * The tables of the job runtime, to be listed with the others in {@code StorageDefinitions}
 * (phase 2 of issue 9): job records and the handler-effect ledger.
 */
public final class JobTables {

  /** Job records a client polls, keyed by {@code job_id}. */
  public static final String JOBS_TABLE = "Jobs";
  /** Effects handlers have had, keyed by {@code effect_key} (the message's idempotency key + what). */
  public static final String JOB_EFFECTS_TABLE = "JobEffects";

  private JobTables() {}

  public static List<TableDefinition> tables() {
    return List.of(TableDefinition.of(JOBS_TABLE, "job_id"), TableDefinition.of(JOB_EFFECTS_TABLE, "effect_key"));
  }
}
