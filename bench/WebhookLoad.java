import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load of CONCURRENCY callers, each sending REQUESTS requests one after another,
 * for one of two targets measured the same way in one run:
 * <ul>
 *   <li>{@code webhook BASE OWNER_ID SUBSCRIPTION FIRST_ACTIVITY}: {@code POST /webhooks/strava},
 *       a new activity each time (every delivery is a first one: stored, enqueued, then 200);
 *   <li>{@code healthz BASE}: {@code GET /healthz}, the same stack with no work behind it.
 * </ul>
 * Latency is from send to the full answer. Prints {@code LOAD requests= non200= p50_us= p99_us=
 * max_us= over2s=} ({@code over2s}: answers slower than Strava's 2 s deadline).
 *
 * <pre>java bench/WebhookLoad.java webhook|healthz CONCURRENCY REQUESTS BASE [OWNER SUBSCRIPTION FIRST]</pre>
 */
public class WebhookLoad {

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int concurrency = Integer.parseInt(args[1]);
    int perCaller = Integer.parseInt(args[2]);
    String base = args[3];
    AtomicLong nextActivity = new AtomicLong(mode.equals("webhook") ? Long.parseLong(args[6]) : 0);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger non200 = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(concurrency);
    for (int c = 0; c < concurrency; c++) {
      Thread t = new Thread(() -> {
        try {
          for (int i = 0; i < perCaller; i++) {
            HttpRequest request = mode.equals("webhook")
                ? HttpRequest.newBuilder(URI.create(base + "/webhooks/strava")).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event(args[4], args[5], nextActivity.getAndIncrement())))
                    .build()
                : HttpRequest.newBuilder(URI.create(base + "/healthz")).timeout(Duration.ofSeconds(30)).GET().build();
            long start = System.nanoTime();
            int status;
            try {
              status = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (Exception e) {
              status = -1;
            }
            latencies.add((System.nanoTime() - start) / 1000);
            if (status != 200) non200.incrementAndGet();
          }
        } finally {
          done.countDown();
        }
      });
      t.start();
    }
    done.await();
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    long over2s = sorted.stream().filter(us -> us > 2_000_000).count();
    System.out.printf("LOAD requests=%d non200=%d p50_us=%d p99_us=%d max_us=%d over2s=%d%n", sorted.size(),
        non200.get(), pct(sorted, 50), pct(sorted, 99), sorted.get(sorted.size() - 1), over2s);
  }

  static String event(String owner, String subscription, long activity) {
    return "{\"object_type\":\"activity\",\"object_id\":" + activity + ",\"aspect_type\":\"create\",\"updates\":{},"
        + "\"owner_id\":" + owner + ",\"subscription_id\":" + subscription + ",\"event_time\":1516126040}";
  }

  static long pct(List<Long> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
