package dev.apiplatform.server.llm;

/**
 * The platform's one LLM port: a prompt in, one JSON value shaped by a JSON schema out. Motion's
 * AI events and Clarity Loop's insights both call it; which vendor answers is configuration
 * ({@link LlmProviders#fromEnvironment}).
 */
public interface LlmProvider {

  /**
   * Asks the model for structured output.
   *
   * @return the parsed JSON, already checked to be of the schema's top-level type with its
   *     top-level required members; deeper validation is the caller's (it knows its domain)
   * @throws LlmException typed by {@link LlmException.Kind}: not configured, unavailable,
   *     rejected, blocked, truncated or malformed output
   */
  LlmResult generateJson(LlmRequest request);

  /** "gemini", "openai-compatible" or "unconfigured": for logs and health output. */
  String name();
}
