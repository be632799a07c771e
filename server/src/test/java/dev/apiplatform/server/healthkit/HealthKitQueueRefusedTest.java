package dev.apiplatform.server.healthkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apiplatform.server.health.ExtractedMetrics;
import dev.apiplatform.server.health.HealthDataGroup;
import dev.apiplatform.server.http.JacksonConfig;
import dev.apiplatform.server.http.edge.BodyRoutes;
import dev.apiplatform.server.jobs.DeadlineJobs;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.queue.JobMessage;
import dev.apiplatform.server.queue.JobQueue;
import dev.apiplatform.server.queue.QueueCounts;
import dev.apiplatform.server.queue.QueueException;
import dev.apiplatform.server.queue.ReceivedJob;
import dev.apiplatform.server.storage.MediaStore;
import dev.apiplatform.server.storage.S3MediaStore;
import dev.apiplatform.server.testing.ClarityPlatform;
import dev.apiplatform.server.testing.Rewired;
import dev.apiplatform.server.testing.ClarityPlatform.Account;
import dev.apiplatform.server.testing.ClarityPlatform.Res;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HealthKit uploads when the queue refuses the processing job (openapi/healthkit.yaml): a
 * streamed upload is 503 and leaves nothing behind (no job, no health-data upload row, no stored
 * export), so the same request is simply sent again; a presigned upload, whose id the client
 * already holds, ends FAILED with the 503 problem instead of staying PENDING with nothing queued;
 * a presigned upload whose expiry job the queue refuses is 503 at init, and no upload exists.
 * The HealthKit service here sends through a queue that refuses while {@link #REFUSING} is set.
 */
class HealthKitQueueRefusedTest {

  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static final AtomicBoolean REFUSING = new AtomicBoolean();
  static final List<JobMessage> REFUSED = new CopyOnWriteArrayList<>();

  @TempDir static Path dir;
  static ClarityPlatform platform;
  static Account alice;
  static volatile MediaStore exports;

  @BeforeAll
  static void start() throws Exception {
    platform = ClarityPlatform.start(dir, Map.of("QUEUE_POLL_WAIT_SECONDS", "1"),
        List.of(new HealthDataGroup(), new Rewired(new HealthKitGroup(), HealthKitQueueRefusedTest::onARefusingQueue)));
    alice = platform.signUp();
  }

  @AfterAll
  static void stop() {
    if (platform != null) platform.close();
  }

  @BeforeEach
  void refuse() {
    REFUSING.set(true);
    REFUSED.clear();
  }

  static final String EXPORT = HealthKitUploadTest.export(HealthKitUploadTest.sample(HealthKitUploadTest.Q + "StepCount",
      "2025-06-16T07:00:00Z", "2025-06-16T07:10:00Z", 812, "count"));

  static HttpResponse<String> upload(String idempotencyKey) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(platform.baseUri() + "/api/v1/healthkit/upload"))
        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(EXPORT))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + alice.token())
        .header("Idempotency-Key", idempotencyKey).build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode refusedPayload() throws Exception {
    assertThat(REFUSED).as("the service sent the job, and the queue refused it").hasSize(1);
    return ClarityPlatform.JSON.readTree(REFUSED.get(0).payload());
  }

  @Test
  void aStreamedUploadTheQueueRefuses_is503AndLeavesNothing_thenTheSameRequestIsAccepted() throws Exception {
    String idempotencyKey = UUID.randomUUID().toString();
    HttpResponse<String> refused = upload(idempotencyKey);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode job = refusedPayload();
    String id = job.path("upload_id").asText();

    assertThat(platform.call("GET", "/api/v1/healthkit/upload-status/" + id, alice.token(), null).status())
        .as("no job").isEqualTo(404);
    assertThat(platform.call("GET", "/api/v1/health-data/processing/" + id, alice.token(), null).status())
        .as("no job as health data either").isEqualTo(404);
    assertThat(platform.call("DELETE", "/api/v1/health-data/" + id, alice.token(), null).status())
        .as("no health-data upload row").isEqualTo(404);
    assertThat(exports.head(job.path("key").asText())).as("no stored export").isEmpty();

    REFUSING.set(false);
    HttpResponse<String> again = upload(idempotencyKey);
    assertThat(again.statusCode()).as("the key was not spent on the refused attempt: " + again.body()).isEqualTo(202);
    String acceptedId = ClarityPlatform.JSON.readTree(again.body()).path("data").path("upload_id").asText();
    assertThat(acceptedId).isNotEqualTo(id);
    assertThat(awaitFinal(acceptedId).path("status").asText()).isEqualTo("COMPLETED");
  }

  @Test
  void aPresignedUploadWhoseCompletionTheQueueRefuses_endsFailedWithThe503_notPending() throws Exception {
    REFUSING.set(false); // the init queues the upload's expiry
    JsonNode p = platform.call("POST", "/api/v1/healthkit/upload-url", alice.token(),
        Map.of("file_size", EXPORT.length())).body().path("data");
    String id = p.path("upload_id").asText();
    REFUSING.set(true);
    HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(p.path("upload_url").asText()))
        .PUT(HttpRequest.BodyPublishers.ofString(EXPORT)).header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(200);

    Res refused = platform.call("POST", "/api/v1/healthkit/upload-url/" + id + "/complete", alice.token(), null);
    assertThat(refused.status()).as(refused.body().toString()).isEqualTo(503);
    String key = refusedPayload().path("key").asText();

    Res status = platform.call("GET", "/api/v1/healthkit/upload-status/" + id, alice.token(), null);
    assertThat(status.status()).as(status.body().toString()).isEqualTo(200);
    JsonNode data = status.body().path("data");
    assertThat(data.path("status").asText()).isEqualTo("FAILED");
    assertThat(data.path("error").path("status").asInt()).isEqualTo(503);
    assertThat(data.path("error").path("detail").asText()).isEqualTo(HealthKitService.NOT_QUEUED);
    assertThat(exports.head(key)).as("FAILED deletes the export").isEmpty();

    REFUSING.set(false);
    Res again = platform.call("POST", "/api/v1/healthkit/upload-url/" + id + "/complete", alice.token(), null);
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.body().path("data").path("status").asText()).as("completing again answers its status")
        .isEqualTo("FAILED");
    assertThat(REFUSED).as("nothing more was sent").hasSize(1);
  }

  @Test
  void aPresignedUploadWhoseExpiryTheQueueRefuses_is503_andNoUploadExists() throws Exception {
    Res refused = platform.call("POST", "/api/v1/healthkit/upload-url", alice.token(), Map.of("file_size", EXPORT.length()));
    assertThat(refused.status()).as(refused.body().toString()).isEqualTo(503);
    assertThat(REFUSED).hasSize(1);
    assertThat(REFUSED.get(0).kind()).isEqualTo(UploadExpiry.KIND);
    String id = refusedPayload().path("upload_id").asText();
    assertThat(platform.call("GET", "/api/v1/healthkit/upload-status/" + id, alice.token(), null).status())
        .as("no PENDING upload that nothing would ever expire").isEqualTo(404);
  }

  static JsonNode awaitFinal(String id) throws Exception {
    return platform.awaitFinal("/api/v1/healthkit/upload-status/" + id, alice.token());
  }

  /** The HealthKit group, its service wired to {@link RefusingQueue}; workers and stores as in production. */
  static Wiring onARefusingQueue(Services services) {
    var json = JacksonConfig.create();
    Services.Jobs real = services.jobs();
    Services.Jobs refusing = new Services.Jobs(new RefusingQueue(real.queue()), real.settings(), real.records(),
        real.status(), real.effects(), real.stats());
    exports = new S3MediaStore(services.aws().s3(), services.aws().presigner(),
        services.storage().bucketName(HealthKitGroup.BUCKET), services.aws().partBuffers());
    long max = BodyRoutes.from(services.contract(), services.config().env()).maxBytes("healthkit_upload");
    HealthKitGroup.Settings settings = new HealthKitGroup.Settings(Duration.ofHours(1), Duration.ofMinutes(15));
    UploadExpiry expiry = new UploadExpiry(exports, new ExtractedMetrics(services), real.records(),
        new DeadlineJobs(refusing.queue(), json, services.clock()));
    HealthKitService healthkit = new HealthKitService(exports, new ExtractedMetrics(services), refusing,
        services.idempotency(), json, services.clock(), max, settings, expiry);
    return Wiring.of(new HealthKitResource(healthkit, json, services.clock(), services.version()));
  }

  /** The platform's queue, except that a send is refused (and kept in {@link #REFUSED}) while {@link #REFUSING}. */
  record RefusingQueue(JobQueue queue) implements JobQueue {
    @Override
    public void enqueue(String name, JobMessage message) {
      refuseIfAsked(message);
      queue.enqueue(name, message);
    }

    @Override
    public void enqueue(String name, JobMessage message, Duration delay) {
      refuseIfAsked(message);
      queue.enqueue(name, message, delay);
    }

    private static void refuseIfAsked(JobMessage message) {
      if (!REFUSING.get()) return;
      REFUSED.add(message);
      throw new QueueException("The test's queue refuses the send", null);
    }

    @Override
    public List<ReceivedJob> receive(String name, int max, Duration wait) {
      return queue.receive(name, max, wait);
    }

    @Override
    public void delete(ReceivedJob job) {
      queue.delete(job);
    }

    @Override
    public void changeVisibility(ReceivedJob job, Duration timeout) {
      queue.changeVisibility(job, timeout);
    }

    @Override
    public QueueCounts counts(String name) {
      return queue.counts(name);
    }

    @Override
    public List<String> declared() {
      return queue.declared();
    }
  }
}
