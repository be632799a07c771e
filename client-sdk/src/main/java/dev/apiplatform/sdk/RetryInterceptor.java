package dev.apiplatform.sdk;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Retries what is safe to retry: GET/HEAD/PUT/DELETE/OPTIONS, and a POST/PATCH only when it
 * carries an {@code Idempotency-Key} (the server answers the first result again). Retries on
 * I/O failures (refused or reset connections, timeouts), 429 and 503; waits {@code Retry-After}
 * when the server sends one, otherwise exponential backoff with jitter. A {@code Retry-After}
 * longer than {@link RetryPolicy#maxRetryAfter()} is handed to the caller as the problem instead.
 */
final class RetryInterceptor implements Interceptor {

  private static final Set<String> IDEMPOTENT = new HashSet<String>(
      Arrays.asList("GET", "HEAD", "PUT", "DELETE", "OPTIONS"));

  private final RetryPolicy policy;
  private final Random jitter = new Random();

  RetryInterceptor(RetryPolicy policy) {
    this.policy = policy;
  }

  static boolean retryable(Request request) {
    return IDEMPOTENT.contains(request.method()) || request.header("Idempotency-Key") != null;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!retryable(request) || policy.maxAttempts() <= 1) {
      return chain.proceed(request);
    }
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt >= policy.maxAttempts();
      Response response;
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        if (last || chain.call().isCanceled()) {
          throw e;
        }
        pause(backoff(attempt));
        continue;
      }
      int code = response.code();
      if (last || (code != 429 && code != 503)) {
        return response;
      }
      Duration retryAfter = Problems.parseRetryAfter(response.header("Retry-After"));
      if (retryAfter != null && retryAfter.compareTo(policy.maxRetryAfter()) > 0) {
        return response;
      }
      response.close();
      pause(retryAfter != null ? retryAfter : backoff(attempt));
    }
  }

  /** base * 2^(attempt-1), capped, with up to 50 % random reduction so clients spread out. */
  private Duration backoff(int attempt) {
    long base = policy.baseBackoff().toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(base, policy.maxBackoff().toMillis());
    long jittered;
    synchronized (jitter) {
      jittered = capped / 2 + (long) (jitter.nextDouble() * (capped / 2.0));
    }
    return Duration.ofMillis(jittered);
  }

  private void pause(Duration delay) throws IOException {
    try {
      policy.sleeper().sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }
}
