package dev.apiplatform.server.outbound;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's one way to call a third-party HTTP API (LLMs, Strava, Twilio, geocoding).
 *
 * <p>HTTP/1.1 always: {@code java.net.http} otherwise tries an h2c upgrade that some servers
 * (Grizzly among them) mishandle on requests with a body. Each attempt is bounded by the request
 * timeout end to end (body included). Retries are bounded, with exponential backoff and full
 * jitter, on connect failures (the request never left, so always safe), on 429 and 5xx, and on
 * timeouts or broken connections; the last three only when the request {@link
 * OutboundRequest#mayRepeat() may be repeated}. A Retry-After of seconds or an HTTP date is
 * honoured up to {@link OutboundSettings#maxBackoff()}. Logs show method, host, path, status and
 * attempt, never query strings, headers or bodies (they carry keys and user data).
 */
public final class OutboundHttp {

  private static final Logger log = LoggerFactory.getLogger(OutboundHttp.class);

  /**
   * The {@code java.net.http} client of a connect timeout, shared by every {@code OutboundHttp}
   * with that timeout and built on the first call that needs it (issue 15). Each client runs a
   * selector thread of its own for its whole life ({@code HttpClient-N-SelectorManager}), and a
   * platform builds several {@code OutboundHttp}s (Strava twice, one LLM provider per group that
   * uses it): one client each was one idle thread each, a stack every young collection walks,
   * from the start on, whether or not anything was ever called. The connect timeout is the only
   * setting of the client itself (java.net.http has none per request), so it is the key: each
   * provider keeps exactly its own; the request timeout, the retries and the redirect rule are
   * per call or the same for all. The clients are never closed (JDK 17's {@code HttpClient} has
   * no close); their threads are daemons, idle between calls.
   */
  private static final ConcurrentHashMap<Duration, HttpClient> CLIENTS = new ConcurrentHashMap<>();

  /** Waits between attempts; replaced in tests so they record the waits instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final OutboundSettings settings;
  private final Sleeper sleeper;
  private final Clock clock;

  public OutboundHttp(OutboundSettings settings) {
    this(settings, d -> Thread.sleep(d.toMillis()), Clock.systemUTC());
  }

  public OutboundHttp(OutboundSettings settings, Sleeper sleeper, Clock clock) {
    this.settings = settings;
    this.sleeper = sleeper;
    this.clock = clock;
  }

  /** The JVM-wide idle limit of {@code java.net.http}'s pooled connections, in seconds (its default: 1,200). */
  static final String KEEP_ALIVE_PROPERTY = "jdk.httpclient.keepalive.timeout";
  /**
   * Ours, unless the JVM was started with one: under the idle limits a pooled connection meets on
   * the way (an AWS ALB's 60 s, a NAT gateway's 350 s, which drops the flow without telling
   * either end). A connection reused after the far end let it go fails its request with "header
   * parser received no bytes" or a reset, and a POST that may not be repeated (Strava's code
   * exchange) cannot be retried. A fresh connection every 30 s idle costs a handshake.
   */
  static final String KEEP_ALIVE_SECONDS = "30";

  /** This provider's client: the shared one of its connect timeout (package-private for the tests). */
  HttpClient client() {
    return CLIENTS.computeIfAbsent(settings.connectTimeout(), connectTimeout -> {
      boundIdleConnections(System.getProperties());
      return HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(connectTimeout)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
    });
  }

  /**
   * Sets {@link #KEEP_ALIVE_PROPERTY} to {@link #KEEP_ALIVE_SECONDS} unless it is set already.
   * {@code java.net.http} reads it once, when the JVM's first client is built: in the platform
   * that is the first outbound call's (the AWS SDK uses its Apache client).
   */
  static void boundIdleConnections(java.util.Properties properties) {
    properties.putIfAbsent(KEEP_ALIVE_PROPERTY, KEEP_ALIVE_SECONDS);
  }

  public OutboundSettings settings() {
    return settings;
  }

  /**
   * Sends with the retry policy and returns the final HTTP answer, whatever its status.
   *
   * @throws OutboundException when no attempt produced an HTTP answer
   */
  public OutboundResponse send(OutboundRequest request) {
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt >= settings.maxAttempts();
      OutboundResponse response;
      try {
        response = attemptOnce(request, attempt);
      } catch (OutboundException e) {
        boolean retryable = e.kind() == OutboundException.Kind.CONNECT
            || (e.kind() != OutboundException.Kind.INTERRUPTED && request.mayRepeat());
        if (last || !retryable) throw e;
        log.warn("{} {} attempt {} failed ({}); retrying", settings.name(), request.describe(), attempt, e.kind());
        pause(backoff(attempt), request, attempt);
        continue;
      }
      if (!isRetryableStatus(response.status()) || last || !request.mayRepeat()) {
        if (!response.isSuccess()) {
          log.info("{} {} answered {} after {} attempt(s)", settings.name(), request.describe(),
              response.status(), attempt);
        }
        return response;
      }
      Optional<Duration> retryAfter = retryAfter(response);
      if (retryAfter.isPresent() && retryAfter.get().compareTo(settings.maxBackoff()) > 0) {
        log.warn("{} {} answered {} with Retry-After {}s beyond the {}s bound; not retrying", settings.name(),
            request.describe(), response.status(), retryAfter.get().toSeconds(), settings.maxBackoff().toSeconds());
        return response;
      }
      log.warn("{} {} answered {} on attempt {}; retrying", settings.name(), request.describe(),
          response.status(), attempt);
      pause(retryAfter.isPresent() ? retryAfter.get() : backoff(attempt), request, attempt);
    }
  }

  private OutboundResponse attemptOnce(OutboundRequest request, int attempt) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
        .timeout(settings.requestTimeout())
        .method(request.method(), request.body().length == 0 && !hasBody(request.method())
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    request.headers().forEach(builder::header);
    var future = client().sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    try {
      // the future covers the body too; HttpRequest.timeout alone stops at the headers
      HttpResponse<byte[]> r = future.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return new OutboundResponse(r.statusCode(), r.headers().map(), r.body(), attempt);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new OutboundException(OutboundException.Kind.TIMEOUT, request.describe(), attempt, null);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new OutboundException(OutboundException.Kind.INTERRUPTED, request.describe(), attempt, null);
    } catch (ExecutionException e) {
      throw new OutboundException(classify(e.getCause()), request.describe(), attempt, null);
    }
  }

  private static boolean hasBody(String method) {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }

  private static OutboundException.Kind classify(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException
          || t instanceof UnresolvedAddressException) {
        return OutboundException.Kind.CONNECT;
      }
      if (t instanceof HttpTimeoutException) return OutboundException.Kind.TIMEOUT;
    }
    return OutboundException.Kind.IO;
  }

  static boolean isRetryableStatus(int status) {
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  /** Full jitter: uniform in [0, min(max, base * 2^(attempt-1))]. */
  Duration backoff(int attempt) {
    long base = settings.baseBackoff().toMillis();
    long ceiling = Math.min(settings.maxBackoff().toMillis(), base << Math.min(attempt - 1, 20));
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
  }

  /** Retry-After as delta-seconds or an IMF-fixdate (RFC 9110 §10.2.3); anything else is ignored. */
  Optional<Duration> retryAfter(OutboundResponse response) {
    return response.header("Retry-After").map(String::trim).flatMap(value -> {
      if (value.matches("\\d{1,9}")) return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      try {
        var when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(clock.instant(), when);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    });
  }

  private void pause(Duration d, OutboundRequest request, int attempt) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OutboundException(OutboundException.Kind.INTERRUPTED, request.describe(), attempt, null);
    }
  }
}
