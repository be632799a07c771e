package dev.apiplatform.server.ws;

import dev.apiplatform.server.jobs.JobBinding;
import dev.apiplatform.server.pat.DynamoPatAnalyses;
import dev.apiplatform.server.pat.PatGroup;
import dev.apiplatform.server.pat.PatService;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.queue.JobMessage;
import dev.apiplatform.server.queue.QueueDeclaration;
import dev.apiplatform.server.queue.QueueSettings;
import dev.apiplatform.server.storage.TableDefinition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A test group that runs PAT analyses as background jobs on the platform's queue and worker
 * runtime (the way the health-data group runs uploads): {@link #start} creates the job record
 * and enqueues it; the worker marks it PROCESSING, analyses a day of minute counts and completes
 * it with the processing id. The tag is not in the contract, so it serves no operation.
 */
final class PatJobsGroup implements ResourceGroup {

  static final String QUEUE = "test-pat-analysis";
  static final String KIND = "clarity.pat-analysis";
  volatile Services services;

  @Override
  public String tag() {
    return "test-pat-jobs";
  }

  @Override
  public List<TableDefinition> tables() {
    return new PatGroup().tables();
  }

  @Override
  public List<QueueDeclaration> queues(QueueSettings settings) {
    return List.of(settings.declare(QUEUE));
  }

  @Override
  public List<JobBinding> workers(Services services) {
    PatService pat = new PatService(new DynamoPatAnalyses(services.aws().dynamoDb(), services.storage()),
        services.clock());
    return List.of(new JobBinding(services.jobs().settings().declare(QUEUE), job -> {
      String[] ownerAndJob = job.message().payload().split("\n");
      var records = services.jobs().records();
      records.markProcessing(ownerAndJob[1]);
      Instant start = Instant.parse("2025-06-16T00:00:00Z");
      List<Instant> minutes = new java.util.ArrayList<>();
      double[] counts = new double[1440];
      for (int i = 0; i < 1440; i++) {
        minutes.add(start.plus(i, ChronoUnit.MINUTES));
        counts[i] = i >= 420 && i < 1380 ? 200 : 0;
      }
      var analysis = pat.analyzeEpochs(ownerAndJob[0], Optional.empty(), Optional.empty(), minutes, counts, 1.0);
      records.complete(ownerAndJob[1], "{\"processing_id\":\"" + analysis.processingId() + "\"}");
    }, 1));
  }

  @Override
  public Wiring wire(Services services) {
    this.services = services;
    return Wiring.of();
  }

  String start(String ownerId) {
    var job = services.jobs().records().create(ownerId, KIND);
    services.jobs().queue().enqueue(QUEUE, new JobMessage(KIND, UUID.randomUUID().toString(), "test",
        ownerId + "\n" + job.jobId(), Instant.now()));
    return job.jobId();
  }
}
