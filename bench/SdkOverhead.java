import dev.apiplatform.client.model.Liveness;
import dev.apiplatform.sdk.PlatformClient;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * GET /healthz calls/s through the Java SDK (PlatformClient.system().systemGetLiveness(): request
 * id, auth and retry interceptors, Gson decoding into Liveness) against the same OkHttp stack
 * called raw (one OkHttpClient, body read as a string), in one JVM, alternating rounds so both
 * see the same server, JIT and machine state.
 *
 *   java -cp CP bench/SdkOverhead.java BASE_URL [THREADS] [ROUND_MS] [ROUNDS] [WARMUP_MS]
 */
public class SdkOverhead {

  interface Call {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    String base = args[0];
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    long roundMs = args.length > 2 ? Long.parseLong(args[2]) : 1000;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 15;
    long warmupMs = args.length > 4 ? Long.parseLong(args[4]) : 5000;

    var rt = ManagementFactory.getRuntimeMXBean();
    System.out.printf("JVM: %s %s; flags: %s; GC: %s; max heap %d MiB; %d cores%n", rt.getVmName(), rt.getVmVersion(),
        rt.getInputArguments(), ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName).toList(),
        Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());

    PlatformClient sdk = PlatformClient.builder(base).build();
    OkHttpClient raw = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    Request healthz = new Request.Builder().url(base + "/healthz").build();

    Call viaSdk = () -> {
      if (sdk.system().systemGetLiveness().getStatus() != Liveness.StatusEnum.OK) throw new IllegalStateException();
    };
    Call viaRaw = () -> {
      try (Response r = raw.newCall(healthz).execute()) {
        if (r.code() != 200 || r.body().string().isEmpty()) throw new IllegalStateException("" + r.code());
      }
    };

    measure(viaSdk, threads, warmupMs);
    measure(viaRaw, threads, warmupMs);
    double[] s = new double[rounds];
    double[] r = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      s[i] = measure(viaSdk, threads, roundMs);
      r[i] = measure(viaRaw, threads, roundMs);
      System.out.printf("round %d: sdk %.0f calls/s, raw %.0f calls/s%n", i + 1, s[i], r[i]);
    }
    double sm = median(s);
    double rm = median(r);
    double[] pair = new double[rounds];
    for (int i = 0; i < rounds; i++) pair[i] = s[i] / r[i];
    System.out.printf("GET /healthz, %d threads, %d x %d ms rounds (after %d ms warm-up each)%n", threads, rounds, roundMs, warmupMs);
    System.out.printf("sdk  %8.0f calls/s  (%.1f us/call)%n", sm, 1e6 * threads / sm);
    System.out.printf("raw  %8.0f calls/s  (%.1f us/call)%n", rm, 1e6 * threads / rm);
    // adjacent rounds share the machine's load best: the median of their ratios is the figure to quote
    System.out.printf("ratio sdk/raw: median of adjacent-round ratios %.2f (ratio of medians %.2f); SDK overhead ~%.0f us/call%n",
        median(pair), sm / rm, 1e6 * threads / sm - 1e6 * threads / rm);
    System.exit(0);
  }

  static double measure(Call call, int threads, long ms) throws Exception {
    LongAdder done = new LongAdder();
    LongAdder failed = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w = new Thread(() -> {
        while (!stop.get()) {
          try {
            call.run();
            done.increment();
          } catch (Exception e) {
            failed.increment();
          }
        }
      });
      workers.add(w);
    }
    long start = System.nanoTime();
    workers.forEach(Thread::start);
    Thread.sleep(ms);
    stop.set(true);
    for (Thread w : workers) w.join();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failed.sum() > 0) throw new IllegalStateException(failed.sum() + " calls failed");
    return done.sum() / seconds;
  }

  static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }
}
