package dev.apiplatform.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.domain.NotFound;
import dev.apiplatform.server.error.Problem;
import dev.apiplatform.server.jobs.EffectLedger;
import dev.apiplatform.server.jobs.EffectLedger.ClaimState;
import dev.apiplatform.server.jobs.JobRecord;
import dev.apiplatform.server.jobs.JobRecords;
import dev.apiplatform.server.jobs.JobStatus;
import dev.apiplatform.server.jobs.JobStatusService;
import dev.apiplatform.server.queue.QueueBootstrap;
import dev.apiplatform.server.queue.QueueDeclaration;
import dev.apiplatform.server.queue.QueueNames;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Job records, the effect ledger's claims and the queue declarations, on the embedded stores. */
class JobStoresTest {

  @TempDir static Path dir;
  private static QueueStores stores;
  private static JobRecords records;

  @BeforeAll
  static void start() {
    stores = QueueStores.start(dir, QueueDeclaration.of("declared", 5));
    records = new JobRecords(stores.dynamo, stores.definitions, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (stores != null) stores.close();
  }

  @Test
  void jobStatus_onlyMovesForward() {
    JobRecord job = records.create("user-1", "clarity.upload");
    assertThat(job.status()).isEqualTo(JobStatus.PENDING);
    assertThat(records.markProcessing(job.jobId())).isTrue();
    assertThat(records.markProcessing(job.jobId())).isTrue(); // a retry: PROCESSING again, attempt 2
    assertThat(records.complete(job.jobId(), "{\"score\":7}")).isTrue();

    // a late worker (redelivered message) can neither restart nor fail a completed job
    assertThat(records.markProcessing(job.jobId())).isFalse();
    assertThat(records.fail(job.jobId(), new Problem("/problems/x", "X", 500, "late", null, null, null))).isFalse();
    assertThat(records.complete(job.jobId(), "{\"score\":0}")).isFalse();

    JobRecord stored = records.find(job.jobId()).orElseThrow();
    assertThat(stored.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(stored.attempts()).isEqualTo(2);
    assertThat(stored.result()).contains("{\"score\":7}");
    assertThat(stored.error()).isEmpty();
  }

  @Test
  void failedJob_keepsItsProblem() {
    JobRecord job = records.create("user-1", "clarity.upload");
    Problem problem = new Problem("/problems/unprocessable-upload", "Upload not processable", 422,
        "The file is not a CSV export", null, null, null);
    assertThat(records.fail(job.jobId(), problem)).isTrue();
    JobRecord stored = records.find(job.jobId()).orElseThrow();
    assertThat(stored.status()).isEqualTo(JobStatus.FAILED);
    assertThat(stored.error()).contains(problem);
    assertThat(records.markProcessing(job.jobId())).isFalse();
  }

  @Test
  void statusLookup_answersOnlyTheOwner_of_theGroupsJobs() {
    JobRecord job = records.create("owner-1", "clarity.upload");
    JobStatusService status = new JobStatusService(records);
    assertThat(status.ownedBy(job.jobId(), "owner-1", "clarity.").jobId()).isEqualTo(job.jobId());
    for (var call : List.<Runnable>of(
        () -> status.ownedBy(job.jobId(), "someone-else", "clarity."),
        () -> status.ownedBy(job.jobId(), "owner-1", "metamatic."),
        () -> status.ownedBy(UUID.randomUUID().toString(), "owner-1", "clarity."))) {
      assertThatThrownBy(call::run).isInstanceOf(NotFound.class);
    }
    assertThat(records.markProcessing("no-such-job")).isFalse();
  }

  @Test
  void claim_skipsDoneEffects_andBacksOffFromLiveClaims() {
    EffectLedger ledger = stores.ledger;
    String key = "sms:" + UUID.randomUUID();
    EffectLedger.Claim first = ledger.claim(key, Duration.ofMinutes(1));
    assertThat(first.state()).isEqualTo(ClaimState.CLAIMED);
    assertThat(ledger.claim(key, Duration.ofMinutes(1)).state()).isEqualTo(ClaimState.BUSY);
    first.complete();
    assertThat(ledger.claim(key, Duration.ofMinutes(1)).state()).isEqualTo(ClaimState.ALREADY_DONE);
    assertThat(ledger.isDone(key)).isTrue();
  }

  @Test
  void claim_released_orExpired_canBeTakenAgain() throws Exception {
    EffectLedger ledger = stores.ledger;
    String key = "email:" + UUID.randomUUID();
    ledger.claim(key, Duration.ofMinutes(1)).release();
    EffectLedger.Claim again = ledger.claim(key, Duration.ofMillis(1));
    assertThat(again.state()).isEqualTo(ClaimState.CLAIMED);
    Thread.sleep(20); // the 1 ms lease of a consumer that died is over
    assertThat(ledger.claim(key, Duration.ofMinutes(1)).state()).isEqualTo(ClaimState.CLAIMED);
    assertThat(ledger.isDone(key)).isFalse();
  }

  @Test
  void declaringAgain_isIdempotent_andAppliesAChangedReceiveLimit() {
    var bootstrap = new QueueBootstrap(stores.sqs, new QueueNames(Stage.DEV));
    var again = bootstrap.ensure(List.of(QueueDeclaration.of("declared", 5)));
    assertThat(again.get("declared")).isEqualTo(stores.urls.get("declared"));

    var changed = bootstrap.ensure(List.of(QueueDeclaration.of("declared", 9)));
    String policy = stores.sqs.getQueueAttributes(r -> r.queueUrl(changed.get("declared").queue())
        .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes().get(QueueAttributeName.REDRIVE_POLICY);
    assertThat(policy).contains("9").contains("dev-declared-dlq");
    assertThat(changed.get("declared").queue()).endsWith("/dev-declared");
  }
}
