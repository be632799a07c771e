import dev.apiplatform.embedded.EmbeddedSqs;
import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.jobs.WorkerRuntime;
import dev.apiplatform.server.queue.Backoff;
import dev.apiplatform.server.queue.JobMessage;
import dev.apiplatform.server.queue.QueueBootstrap;
import dev.apiplatform.server.queue.QueueDeclaration;
import dev.apiplatform.server.queue.QueueNames;
import dev.apiplatform.server.queue.SqsClients;
import dev.apiplatform.server.queue.SqsJobQueue;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Enqueue-to-handled latency and jobs/s of the worker runtime with a no-op handler on the embedded
 * SQS (ElasticMQ, H2-persisted), against a raw SDK loop (SendMessage; one thread doing
 * ReceiveMessage(10, long poll) + DeleteMessage per message) on the same server in the same run.
 * Rounds interleave the two. Latency: one job at a time (send, wait until handled), so it is the
 * path's own latency, long-poll wake-up included. Throughput: BURST jobs sent by 4 threads, time
 * until the last is handled (the runtime deletes right after its handler returns; the raw loop
 * counts after each delete).
 *
 * <pre>java -cp 'local/target/lib/*:local/target/platform-local.jar' bench/QueueBench.java [ROUNDS SEQ BURST CONCURRENCY]</pre>
 *
 * Last stdout line, for scripts: {@code QUEUEBENCH runtime_p50_ms=... runtime_p99_ms=... runtime_jobs_s=... raw_p50_ms=... raw_p99_ms=... raw_jobs_s=...}
 */
public class QueueBench {

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int seq = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int burst = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    System.out.println("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
        + ", flags " + ManagementFactory.getRuntimeMXBean().getInputArguments()
        + ", cores " + Runtime.getRuntime().availableProcessors());
    System.out.printf("rounds %d, sequential %d, burst %d, runtime concurrency %d%n", rounds, seq, burst, concurrency);

    Path dir = Files.createTempDirectory("queue-bench");
    EmbeddedSqs embedded = EmbeddedSqs.start(dir);
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));
    Duration pollWait = Duration.ofSeconds(1);
    SqsClient sqs = SqsClients.create(Region.of(embedded.region()), credentials, Optional.of(embedded.endpoint()),
        Duration.ofSeconds(10), pollWait);
    QueueDeclaration runtimeQueue = QueueDeclaration.of("bench-runtime", 5);
    QueueDeclaration rawQueue = QueueDeclaration.of("bench-raw", 5);
    var urls = new QueueBootstrap(sqs, new QueueNames(Stage.DEV)).ensure(List.of(runtimeQueue, rawQueue));
    SqsJobQueue queue = new SqsJobQueue(sqs, urls);
    String rawUrl = urls.get("bench-raw").queue();

    ConcurrentLinkedQueue<Long> runtimeDone = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Long> rawDone = new ConcurrentLinkedQueue<>();
    AtomicInteger runtimeCount = new AtomicInteger();
    AtomicInteger rawCount = new AtomicInteger();

    WorkerRuntime runtime = new WorkerRuntime(queue, new WorkerRuntime.Options(pollWait, Duration.ofSeconds(5),
        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5))), Clock.systemUTC());
    runtime.register(runtimeQueue, job -> {
      runtimeDone.add(System.nanoTime() - Long.parseLong(job.message().payload()));
      runtimeCount.incrementAndGet();
    }, concurrency).start();

    Thread raw = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        List<software.amazon.awssdk.services.sqs.model.Message> messages;
        try {
          messages = sqs.receiveMessage(r -> r.queueUrl(rawUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
        } catch (RuntimeException stopped) { // AbortedException when interrupted at the end of the run
          return;
        }
        for (var m : messages) {
          sqs.deleteMessage(r -> r.queueUrl(rawUrl).receiptHandle(m.receiptHandle()));
          rawDone.add(System.nanoTime() - Long.parseLong(m.body()));
          rawCount.incrementAndGet();
        }
      }
    }, "raw-consumer");
    raw.setDaemon(true);
    raw.start();

    Runnable sendRuntime = () -> queue.enqueue("bench-runtime", new JobMessage("bench.noop",
        java.util.UUID.randomUUID().toString(), "bench", Long.toString(System.nanoTime()), Instant.now()));
    Runnable sendRaw = () -> sqs.sendMessage(r -> r.queueUrl(rawUrl).messageBody(Long.toString(System.nanoTime())));

    // warm-up, not reported
    sequential(sendRuntime, runtimeCount, runtimeDone, 100);
    sequential(sendRaw, rawCount, rawDone, 100);
    burst(sendRuntime, runtimeCount, 500);
    burst(sendRaw, rawCount, 500);

    List<Long> rtLat = new ArrayList<>(), rawLat = new ArrayList<>();
    List<Double> rtRate = new ArrayList<>(), rawRate = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      boolean runtimeFirst = round % 2 == 1;
      for (int k = 0; k < 2; k++) {
        boolean rt = (k == 0) == runtimeFirst;
        List<Long> lat = rt ? sequential(sendRuntime, runtimeCount, runtimeDone, seq)
            : sequential(sendRaw, rawCount, rawDone, seq);
        double rate = rt ? burst(sendRuntime, runtimeCount, burst) : burst(sendRaw, rawCount, burst);
        (rt ? rtLat : rawLat).addAll(lat);
        (rt ? rtRate : rawRate).add(rate);
        System.out.printf("round %d %-8s p50 %6.2f ms  p99 %6.2f ms  %8.0f jobs/s%n", round, rt ? "runtime" : "raw-sdk",
            pct(lat, 50), pct(lat, 99), rate);
      }
    }
    double rtJobs = median(rtRate), rawJobs = median(rawRate);
    System.out.printf("runtime  p50 %.2f ms  p99 %.2f ms  %.0f jobs/s (median of rounds)%n", pct(rtLat, 50), pct(rtLat, 99), rtJobs);
    System.out.printf("raw-sdk  p50 %.2f ms  p99 %.2f ms  %.0f jobs/s%n", pct(rawLat, 50), pct(rawLat, 99), rawJobs);
    System.out.printf("ratio runtime/raw: throughput %.2f, p50 %.2fx, p99 %.2fx%n", rtJobs / rawJobs,
        pct(rtLat, 50) / pct(rawLat, 50), pct(rtLat, 99) / pct(rawLat, 99));
    System.out.printf("QUEUEBENCH runtime_p50_ms=%.2f runtime_p99_ms=%.2f runtime_jobs_s=%.0f raw_p50_ms=%.2f raw_p99_ms=%.2f raw_jobs_s=%.0f%n",
        pct(rtLat, 50), pct(rtLat, 99), rtJobs, pct(rawLat, 50), pct(rawLat, 99), rawJobs);

    raw.interrupt();
    runtime.close();
    raw.join(5000);
    sqs.close();
    embedded.close();
  }

  /** One job at a time: send, wait until handled; returns each job's latency in ns. */
  private static List<Long> sequential(Runnable send, AtomicInteger count, ConcurrentLinkedQueue<Long> done, int n)
      throws InterruptedException {
    done.clear();
    for (int i = 0; i < n; i++) {
      int before = count.get();
      send.run();
      while (count.get() == before) Thread.onSpinWait();
    }
    return new ArrayList<>(done);
  }

  /** {@code n} jobs from 4 sending threads; jobs/s until the last is handled. */
  private static double burst(Runnable send, AtomicInteger count, int n) throws InterruptedException {
    int target = count.get() + n;
    long t0 = System.nanoTime();
    ExecutorService senders = Executors.newFixedThreadPool(4);
    for (int i = 0; i < n; i++) senders.execute(send);
    senders.shutdown();
    while (count.get() < target) Thread.sleep(1);
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  private static double pct(List<Long> ns, int p) {
    List<Long> sorted = new ArrayList<>(ns);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
