package dev.apiplatform.server.llm;

import dev.apiplatform.server.outbound.OutboundHttp;
import dev.apiplatform.server.outbound.OutboundSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the LLM provider from environment variables, once at start.
 *
 * <ul>
 *   <li>{@code LLM_PROVIDER}: {@code gemini} or {@code openai}; optional, otherwise Gemini when
 *       {@code GEMINI_API_KEY} is set, else OpenAI-compatible when {@code LLM_BASE_URL} is set.
 *   <li>Gemini: {@code GEMINI_API_KEY} (required), {@code GEMINI_MODEL} (default
 *       {@value #DEFAULT_GEMINI_MODEL}), {@code GEMINI_BASE_URL} (default {@value #GEMINI_BASE}).
 *   <li>OpenAI-compatible: {@code LLM_BASE_URL} (e.g. {@code https://api.openai.com/v1}),
 *       {@code LLM_MODEL} (required), {@code LLM_API_KEY} (optional: local servers need none).
 *   <li>{@code LLM_TIMEOUT_SECONDS}: per attempt, default 30; one retry on 429/5xx/timeouts.
 * </ul>
 *
 * Nothing configured is not a start failure: the platform runs, and the AI features answer a 503
 * problem naming the missing setting. A value that is present but wrong (a non-numeric timeout,
 * a base URL that is not http(s), a model name that could escape the URL path) stops the start
 * with an {@link IllegalArgumentException} naming the variable.
 */
public final class LlmProviders {

  public static final String DEFAULT_GEMINI_MODEL = "gemini-2.5-flash";
  public static final String GEMINI_BASE = "https://generativelanguage.googleapis.com/v1beta";

  private LlmProviders() {}

  public static LlmProvider fromEnvironment(Map<String, String> env) {
    Duration timeout = Duration.ofSeconds(positiveInt(env, "LLM_TIMEOUT_SECONDS", 30));
    String chosen = value(env, "LLM_PROVIDER").map(v -> v.toLowerCase(java.util.Locale.ROOT)).orElse(null);
    if (chosen != null && !chosen.equals("gemini") && !chosen.equals("openai")) {
      throw new IllegalArgumentException("LLM_PROVIDER must be 'gemini' or 'openai', not '" + chosen + "'");
    }
    boolean gemini = chosen != null ? chosen.equals("gemini") : value(env, "GEMINI_API_KEY").isPresent();
    boolean openai = chosen != null ? chosen.equals("openai") : !gemini && value(env, "LLM_BASE_URL").isPresent();
    if (gemini) {
      Optional<String> key = value(env, "GEMINI_API_KEY");
      if (key.isEmpty()) return unconfigured("GEMINI_API_KEY");
      String model = modelName(env, "GEMINI_MODEL").orElse(DEFAULT_GEMINI_MODEL);
      URI base = baseUrl(env, "GEMINI_BASE_URL").orElse(URI.create(GEMINI_BASE));
      return new GeminiProvider(http("gemini", timeout), base, key.get(), model);
    }
    if (openai) {
      Optional<URI> base = baseUrl(env, "LLM_BASE_URL");
      if (base.isEmpty()) return unconfigured("LLM_BASE_URL");
      Optional<String> model = modelName(env, "LLM_MODEL");
      if (model.isEmpty()) return unconfigured("LLM_MODEL");
      return new OpenAiCompatibleProvider(http("openai-compatible", timeout), base.get(),
          value(env, "LLM_API_KEY"), model.get());
    }
    return unconfigured("GEMINI_API_KEY (Gemini) or LLM_BASE_URL and LLM_MODEL (OpenAI-compatible)");
  }

  /** One retry (two attempts) with a short jittered backoff; Retry-After up to 10 s is honoured. */
  static OutboundHttp http(String name, Duration timeout) {
    return new OutboundHttp(new OutboundSettings(name, Duration.ofSeconds(5), timeout, 2,
        Duration.ofMillis(500), Duration.ofSeconds(10)));
  }

  public static LlmProvider unconfigured(String missingSetting) {
    return new LlmProvider() {
      @Override
      public LlmResult generateJson(LlmRequest request) {
        throw LlmException.notConfigured(missingSetting);
      }

      @Override
      public String name() {
        return "unconfigured";
      }
    };
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static Optional<String> modelName(Map<String, String> env, String name) {
    Optional<String> v = value(env, name);
    // the model name becomes part of a URL path (Gemini) or a JSON field: keep it plain
    if (v.isPresent() && !v.get().matches("[A-Za-z0-9._:/-]{1,128}") || v.isPresent() && v.get().contains("..")) {
      throw new IllegalArgumentException(name + " is not a model name: letters, digits and . _ : / - only");
    }
    return v;
  }

  private static Optional<URI> baseUrl(Map<String, String> env, String name) {
    return value(env, name).map(v -> {
      try {
        URI uri = URI.create(v);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
          throw new IllegalArgumentException(name + " must be an http(s) URL");
        }
        return uri;
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + " must be an http(s) URL", e);
      }
    });
  }

  private static int positiveInt(Map<String, String> env, String name, int fallback) {
    Optional<String> v = value(env, name);
    if (v.isEmpty()) return fallback;
    try {
      int n = Integer.parseInt(v.get());
      if (n > 0 && n <= 600) return n;
    } catch (NumberFormatException ignored) {
      // reported below with the variable's name
    }
    throw new IllegalArgumentException(name + " must be a whole number of seconds between 1 and 600");
  }
}
