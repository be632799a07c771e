package dev.apiplatform.server.llm;

import dev.apiplatform.server.error.ApiException;
import dev.apiplatform.server.error.ProblemType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every way an LLM call can fail, as one type with a {@link Kind}. It is an {@link ApiException}
 * so the platform's one mapper answers problem+json without extra wiring: not configured and
 * unavailable are 503 (the caller can retry, or an operator must set a variable); a provider that
 * rejects our call or answers unusable output is 502 (bad gateway: the fault is upstream). The
 * detail never carries the API key or the model's raw output.
 */
public final class LlmException extends ApiException {

  public enum Kind {
    /** No provider configured; {@link #missingSetting()} names the variable to set. */
    NOT_CONFIGURED,
    /** Network failure, timeout, 429 or 5xx after the one retry. */
    UNAVAILABLE,
    /** The provider refused the call itself (bad key, unknown model, invalid request). */
    REJECTED,
    /** Safety filter, refusal or blocked prompt: no content to use. */
    BLOCKED,
    /** The model hit the output-token bound; the JSON is incomplete. */
    TRUNCATED,
    /** The model answered, but not with JSON of the requested shape. */
    MALFORMED_OUTPUT
  }

  private final Kind kind;
  private final String missingSetting;

  private LlmException(Kind kind, ProblemType type, String title, String detail, String missingSetting,
      Map<String, String> headers) {
    super(type, title, detail, List.of(), headers);
    this.kind = kind;
    this.missingSetting = missingSetting;
  }

  public static LlmException notConfigured(String missingSetting) {
    return new LlmException(Kind.NOT_CONFIGURED, ProblemType.LLM_NOT_CONFIGURED, "LLM provider not configured",
        "The AI feature needs configuration: set " + missingSetting, missingSetting, Map.of());
  }

  public static LlmException unavailable(String provider, String why) {
    return new LlmException(Kind.UNAVAILABLE, ProblemType.LLM_UNAVAILABLE, "LLM provider unavailable",
        provider + " did not answer usefully (" + why + "); retry shortly", null, Map.of("Retry-After", "5"));
  }

  public static LlmException rejected(String provider, int status) {
    return new LlmException(Kind.REJECTED, ProblemType.LLM_FAILED, "LLM provider rejected the call",
        provider + " answered HTTP " + status + "; check its key and model settings", null, Map.of());
  }

  public static LlmException blocked(String provider, String reason) {
    return new LlmException(Kind.BLOCKED, ProblemType.LLM_FAILED, "LLM provider returned no content",
        provider + " blocked the answer (" + reason + ")", null, Map.of());
  }

  public static LlmException truncated(String provider) {
    return new LlmException(Kind.TRUNCATED, ProblemType.LLM_FAILED, "LLM output incomplete",
        provider + " stopped at its output-token limit before the JSON was complete", null, Map.of());
  }

  public static LlmException malformed(String provider, String why) {
    return new LlmException(Kind.MALFORMED_OUTPUT, ProblemType.LLM_FAILED, "LLM output unusable",
        provider + " answered output that is not the requested JSON (" + why + ")", null, Map.of());
  }

  public Kind kind() {
    return kind;
  }

  public Optional<String> missingSetting() {
    return Optional.ofNullable(missingSetting);
  }
}
