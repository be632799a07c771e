package dev.apiplatform.server.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmProvidersTest {

  final LlmRequest request = LlmRequest.of("", "p", "s", JsonNodeFactory.instance.objectNode().put("type", "object"));

  LlmException failure(Map<String, String> env) {
    LlmProvider provider = LlmProviders.fromEnvironment(env);
    assertThat(provider.name()).isEqualTo("unconfigured");
    try {
      provider.generateJson(request);
    } catch (LlmException e) {
      return e;
    }
    throw new AssertionError("expected a not-configured failure");
  }

  @Test
  void nothingConfigured_answers503_namingBothWaysToConfigure() {
    LlmException e = failure(Map.of());
    assertThat(e.kind()).isEqualTo(LlmException.Kind.NOT_CONFIGURED);
    assertThat(e.status()).isEqualTo(503);
    assertThat(e.missingSetting()).hasValueSatisfying(s -> assertThat(s).contains("GEMINI_API_KEY", "LLM_BASE_URL"));
    assertThat(e.toProblem().type()).isEqualTo("/problems/llm-not-configured");
  }

  @Test
  void openAiBaseWithoutModel_namesLlmModel() {
    assertThat(failure(Map.of("LLM_BASE_URL", "http://127.0.0.1:11434/v1")).missingSetting()).contains("LLM_MODEL");
  }

  @Test
  void providerForcedToGemini_withoutKey_namesGeminiApiKey() {
    assertThat(failure(Map.of("LLM_PROVIDER", "gemini", "LLM_BASE_URL", "http://x/v1", "LLM_MODEL", "m"))
        .missingSetting()).contains("GEMINI_API_KEY");
  }

  @Test
  void geminiKey_selectsGemini_evenWhenAnOpenAiBaseIsAlsoSet() {
    var env = Map.of("GEMINI_API_KEY", "k", "LLM_BASE_URL", "http://x/v1", "LLM_MODEL", "m");
    assertThat(LlmProviders.fromEnvironment(env).name()).isEqualTo("gemini");
  }

  @Test
  void openAiBaseAndModel_selectOpenAiCompatible_withOrWithoutKey() {
    assertThat(LlmProviders.fromEnvironment(Map.of("LLM_BASE_URL", "http://x/v1", "LLM_MODEL", "m")).name())
        .isEqualTo("openai-compatible");
    assertThat(LlmProviders.fromEnvironment(Map.of("LLM_PROVIDER", "openai", "LLM_BASE_URL", "https://x/v1",
        "LLM_MODEL", "gpt-4o-mini", "LLM_API_KEY", "sk", "GEMINI_API_KEY", "k")).name()).isEqualTo("openai-compatible");
  }

  @Test
  void wrongValues_stopTheStart_namingTheVariable() {
    assertThatThrownBy(() -> LlmProviders.fromEnvironment(Map.of("LLM_TIMEOUT_SECONDS", "soon")))
        .hasMessageContaining("LLM_TIMEOUT_SECONDS");
    assertThatThrownBy(() -> LlmProviders.fromEnvironment(Map.of("LLM_BASE_URL", "file:///etc/passwd", "LLM_MODEL", "m")))
        .hasMessageContaining("LLM_BASE_URL");
    assertThatThrownBy(() -> LlmProviders.fromEnvironment(Map.of("GEMINI_API_KEY", "k", "GEMINI_MODEL", "../../x?y")))
        .hasMessageContaining("GEMINI_MODEL");
    assertThatThrownBy(() -> LlmProviders.fromEnvironment(Map.of("LLM_PROVIDER", "claude")))
        .hasMessageContaining("LLM_PROVIDER");
  }
}
