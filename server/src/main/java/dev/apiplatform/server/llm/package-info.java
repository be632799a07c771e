/**
 * The platform's one LLM port: {@link dev.apiplatform.server.llm.LlmProvider#generateJson}
 * (prompt + JSON schema in, parsed JSON out, failures as {@link
 * dev.apiplatform.server.llm.LlmException} with a kind). Implementations: Gemini REST
 * {@code generateContent} and any OpenAI-compatible chat-completions endpoint, both over {@link
 * dev.apiplatform.server.outbound.OutboundHttp}; chosen by {@link
 * dev.apiplatform.server.llm.LlmProviders#fromEnvironment}.
 */
package dev.apiplatform.server.llm;
