import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WebSocket fan-out latency: CLIENTS connections in one chat room, one sender, MESSAGES messages
 * each carrying its send time (System.nanoTime of this JVM); every receiver records arrival minus
 * send. Prints p50/p99/max over all (message, receiver) pairs, and over messages of the last
 * receiver's latency (send → the last of CLIENTS has it: the fan-out's latency). Usage: WsFanout BASE CLIENTS
 * MESSAGES WARMUP INTERVAL_MS. Messages are paced (INTERVAL_MS) so the figure is latency, not a
 * queue built by a flood; the server's per-connection limit must allow the sender's rate.
 */
public class WsFanout {

  static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
  static final Pattern CODE = Pattern.compile("\"dev_code\"\\s*:\\s*\"([0-9]+)\"");
  static final Pattern SENT = Pattern.compile("\"content\"\\s*:\\s*\"t=([0-9]+)\"");
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public static void main(String[] args) throws Exception {
    String base = args[0];
    int clients = Integer.parseInt(args[1]);
    int messages = Integer.parseInt(args[2]);
    int warmup = Integer.parseInt(args[3]);
    long intervalMs = Long.parseLong(args[4]);
    String token = signUp(base);
    String ws = base.replaceFirst("^http", "ws") + "/api/v1/ws/chat/bench-room?token=" + token;
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    // per message (keyed by its send time): the latency of its last receiver, i.e. the whole fan-out
    ConcurrentHashMap<Long, Long> lastArrival = new ConcurrentHashMap<>();
    CountDownLatch expected = new CountDownLatch((warmup + messages) * clients);
    boolean[] measuring = {false};
    List<WebSocket> sockets = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      sockets.add(HTTP.newWebSocketBuilder().buildAsync(URI.create(ws), new WebSocket.Listener() {
        final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket s, CharSequence data, boolean last) {
          partial.append(data);
          if (last) {
            Matcher m = SENT.matcher(partial);
            if (m.find()) {
              long sent = Long.parseLong(m.group(1));
              long took = System.nanoTime() - sent;
              if (measuring[0]) {
                latencies.add(took);
                lastArrival.merge(sent, took, Math::max);
              }
              expected.countDown();
            }
            partial.setLength(0);
          }
          s.request(1);
          return null;
        }
      }).join());
    }
    System.out.println("[ws-fanout] connected " + clients + " clients");
    WebSocket sender = sockets.get(0);
    Thread.sleep(500); // joins settle
    for (int i = 0; i < warmup + messages; i++) {
      if (i == warmup) measuring[0] = true;
      sender.sendText("{\"type\":\"MESSAGE\",\"content\":\"t=" + System.nanoTime() + "\"}", true).join();
      Thread.sleep(intervalMs);
    }
    long missing = expected.await(60, TimeUnit.SECONDS) ? 0 : expected.getCount();
    if (missing > 0) System.out.println("[ws-fanout] not every message arrived: " + missing + " missing");
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("[ws-fanout] %d clients in one room, %d messages (after %d warm-up), %d deliveries measured%n",
        clients, messages, warmup, sorted.length);
    System.out.printf("[ws-fanout] send-to-receive latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        pct(sorted, 50), pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    long[] last = lastArrival.values().stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("[ws-fanout] send-to-last-of-%d-receivers latency (%d messages): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        clients, last.length, pct(last, 50), pct(last, 99), last.length == 0 ? 0 : last[last.length - 1] / 1e6);
    System.out.printf("RESULT clients=%d messages=%d deliveries=%d missing=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f"
        + " last_p50_ms=%.2f last_p99_ms=%.2f last_max_ms=%.2f%n",
        clients, messages, sorted.length, missing, pct(sorted, 50), pct(sorted, 99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, pct(last, 50), pct(last, 99),
        last.length == 0 ? 0 : last[last.length - 1] / 1e6);
    for (WebSocket s : sockets) s.abort();
  }

  static double pct(long[] sorted, int p) {
    if (sorted.length == 0) return Double.NaN;
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
  }

  static String signUp(String base) throws Exception {
    String email = "bench-" + System.nanoTime() + "@example.com";
    String reg = post(base + "/api/v1/auth/register", "{\"email\":\"" + email
        + "\",\"password\":\"Str0ng!Passw0rd\",\"first_name\":\"Bench\",\"last_name\":\"Mark\"}");
    Matcher code = CODE.matcher(reg);
    if (!code.find()) throw new IllegalStateException("no dev_code (is STAGE=dev?): " + reg);
    post(base + "/api/v1/auth/confirm-email", "{\"email\":\"" + email + "\",\"code\":\"" + code.group(1) + "\"}");
    String login = post(base + "/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"Str0ng!Passw0rd\"}");
    Matcher token = TOKEN.matcher(login);
    if (!token.find()) throw new IllegalStateException("no access token: " + login);
    return token.group(1);
  }

  static String post(String url, String json) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
