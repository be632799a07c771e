package dev.apiplatform.server.http.ratelimit;

import dev.apiplatform.server.config.Env;
import dev.apiplatform.server.identity.store.CounterStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The API limit's configuration (seed 002's defaults: 100 requests per 60 s):
 * {@code RATE_LIMIT_REQUESTS} and {@code RATE_LIMIT_WINDOW_SECONDS} for every group, and
 * {@code RATE_LIMIT_REQUESTS_<GROUP>} (e.g. {@code RATE_LIMIT_REQUESTS_ECHOES}) for one group.
 */
public final class ApiRateLimits {

  private ApiRateLimits() {}

  public static ApiRateLimitFilter filter(Env env, Collection<String> tags, CounterStore store, Clock clock,
      List<String> trustedProxies) {
    int requests = env.integer("RATE_LIMIT_REQUESTS", 100, 1, 10_000_000);
    Duration window = Duration.ofSeconds(env.integer("RATE_LIMIT_WINDOW_SECONDS", 60, 1, 86_400));
    SharedWindowLimiter fallback = new SharedWindowLimiter(store, requests, window, clock);
    Map<String, SharedWindowLimiter> byGroup = new HashMap<>();
    for (String tag : tags) {
      String name = "RATE_LIMIT_REQUESTS_" + tag.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
      if (env.raw(name).isPresent()) {
        byGroup.put(tag, new SharedWindowLimiter(store, env.integer(name, requests, 1, 10_000_000), window, clock));
      }
    }
    return new ApiRateLimitFilter(byGroup, fallback, trustedProxies);
  }
}
