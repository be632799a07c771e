import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An open-loop, fixed-rate load generator (wrk2 is not packaged for Debian): request i is due
 * at start + i / rate whatever happened to earlier ones, and its latency is measured from that
 * due time, so a stalled server shows up as latency instead of silently lowering the rate
 * (no coordinated omission). At most CONNECTIONS requests are in flight; a request due while
 * all are busy waits, and that wait counts.
 *
 * <pre>
 * java -cp 'local/target/lib/*' bench/OpenLoop.java http URL RATE SECONDS CONNECTIONS ["Header: value" ...]
 * java -cp 'local/target/lib/*' bench/OpenLoop.java getitem DYNAMODB_ENDPOINT TABLE KEY_NAME KEY RATE SECONDS CONNECTIONS
 * </pre>
 *
 * {@code http} speaks HTTP/1.1 keep-alive over plain sockets (one per connection, no client
 * library in the measurement); {@code getitem} is a raw SDK GetItem (consistent read, the
 * SDK's Apache client as the platform uses it, the embedded stores' fixed dev credentials). Prints one line:
 * {@code OPENLOOP sent= requests= errors= achieved_rps= p50_us= p99_us= p999_us= max_us=}: sent counts
 * the unrecorded warm-up requests too (for CPU per request), the rest only the recorded ones.
 */
public class OpenLoop {

  interface Call {
    boolean run() throws Exception; // true when the answer was a success
  }

  interface CallFactory {
    Call open() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) usage();
    switch (args[0]) {
      case "http" -> {
        if (args.length < 5) usage();
        URI url = URI.create(args[1]);
        List<String> headers = List.of(args).subList(5, args.length);
        load(Double.parseDouble(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
            () -> new HttpCall(url, headers));
      }
      case "getitem" -> {
        if (args.length < 8) usage();
        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(URI.create(args[1]))
            .region(Region.US_EAST_1).httpClient(ApacheHttpClient.builder().maxConnections(64).build())
            .credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create("EMBEDDEDDEVACCESSKEY", "embeddedDevSecretKeyNotASecret")))
            .build();
        Map<String, AttributeValue> key = Map.of(args[3], AttributeValue.fromS(args[4]));
        String table = args[2];
        load(Double.parseDouble(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7]),
            () -> () -> dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).hasItem());
      }
      default -> usage();
    }
  }

  private static void usage() {
    System.err.println("usage: OpenLoop http URL RATE SECONDS CONNECTIONS [HEADER...] | "
        + "OpenLoop getitem ENDPOINT TABLE KEY_NAME KEY RATE SECONDS CONNECTIONS");
    System.exit(2);
  }

  static void load(double rate, int seconds, int connections, CallFactory factory) throws Exception {
    long interval = (long) (1e9 / rate);
    // the first OPENLOOP_WARMUP seconds (default 3) run at the rate but are not recorded: this
    // client's own JVM starts cold, and its JIT would otherwise show up as server latency
    long warm = (long) (rate * Double.parseDouble(System.getenv().getOrDefault("OPENLOOP_WARMUP", "3")));
    long total = (long) (rate * seconds) + warm;
    AtomicLong next = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<long[]> latencies = new ArrayList<>();
    List<int[]> counts = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    long start = System.nanoTime() + 50_000_000L;
    for (int w = 0; w < connections; w++) {
      long[] mine = new long[(int) (total / connections + 2) * 2];
      int[] n = new int[1];
      latencies.add(mine);
      counts.add(n);
      Call call = factory.open();
      int index = w;
      Thread worker = new Thread(() -> {
        Call current = call;
        long[] own = mine;
        while (true) {
          long i = next.getAndIncrement();
          if (i >= total) return;
          long due = start + i * interval;
          long wait;
          while ((wait = due - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
          boolean ok;
          try {
            ok = current.run();
          } catch (Exception e) {
            ok = false;
            try {
              current = factory.open(); // a broken connection: reconnect, count the error
            } catch (Exception again) {
              errors.incrementAndGet();
              return;
            }
          }
          long latency = System.nanoTime() - due;
          if (i < warm) continue;
          if (!ok) errors.incrementAndGet();
          if (n[0] == own.length) {
            own = Arrays.copyOf(own, own.length * 2);
            synchronized (latencies) {
              latencies.set(index, own);
            }
          }
          own[n[0]++] = latency;
        }
      }, "open-loop-" + w);
      worker.setDaemon(true);
      workers.add(worker);
    }
    workers.forEach(Thread::start);
    for (Thread t : workers) t.join();
    long elapsed = System.nanoTime() - start - warm * interval;
    int size = counts.stream().mapToInt(c -> c[0]).sum();
    long[] all = new long[size];
    int at = 0;
    for (int w = 0; w < workers.size(); w++) {
      System.arraycopy(latencies.get(w), 0, all, at, counts.get(w)[0]);
      at += counts.get(w)[0];
    }
    Arrays.sort(all);
    System.out.printf("OPENLOOP sent=%d requests=%d errors=%d achieved_rps=%.1f p50_us=%d p99_us=%d p999_us=%d max_us=%d%n",
        Math.min(next.get(), total), size, errors.get(), size / (elapsed / 1e9), pct(all, 50) / 1000, pct(all, 99) / 1000, pct(all, 99.9) / 1000,
        size == 0 ? 0 : all[size - 1] / 1000);
    System.exit(0);
  }

  private static long pct(long[] sorted, double p) {
    if (sorted.length == 0) return 0;
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** One keep-alive connection; GET only. */
  static final class HttpCall implements Call {
    private final URI url;
    private final byte[] request;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    HttpCall(URI url, List<String> headers) throws IOException {
      this.url = url;
      connect();
      StringBuilder r = new StringBuilder("GET ").append(url.getRawPath())
          .append(url.getRawQuery() == null ? "" : "?" + url.getRawQuery()).append(" HTTP/1.1\r\n")
          .append("Host: ").append(url.getHost()).append(':').append(url.getPort()).append("\r\n");
      for (String h : headers) r.append(h).append("\r\n");
      request = r.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    // Grizzly closes a kept-alive connection after 256 requests (its default): reconnecting
    // then is part of what any client pays, not an error
    private void connect() throws IOException {
      if (socket != null) socket.close();
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5_000);
      socket.setSoTimeout(30_000);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    @Override
    public boolean run() throws IOException {
      if (socket == null) connect();
      out.write(request);
      out.flush();
      String status = line();
      int code = Integer.parseInt(status.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      boolean close = false;
      for (String h; !(h = line()).isEmpty(); ) {
        String lower = h.toLowerCase();
        if (lower.startsWith("content-length:")) length = Long.parseLong(h.substring(15).trim());
        else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
        else if (lower.startsWith("connection:") && lower.contains("close")) close = true;
      }
      if (chunked) {
        for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; ) {
          skip(size);
          line();
        }
        while (!line().isEmpty()) { } // trailers
      } else if (length > 0) {
        skip(length);
      }
      if (close) {
        socket.close();
        socket = null; // reconnect before the next request
      }
      return code >= 200 && code < 300;
    }

    private void skip(long n) throws IOException {
      while (n > 0) {
        long s = in.skip(n);
        if (s <= 0) {
          if (in.read() < 0) throw new IOException("eof");
          s = 1;
        }
        n -= s;
      }
    }

    private String line() throws IOException {
      StringBuilder b = new StringBuilder();
      for (int c; (c = in.read()) != '\n'; ) {
        if (c < 0) throw new IOException("eof");
        if (c != '\r') b.append((char) c);
      }
      return b.toString();
    }
  }
}
