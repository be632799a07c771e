package dev.apiplatform.server.pat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.apiplatform.server.api.model.ActigraphyAnalysisDto;
import dev.apiplatform.server.api.model.ModelInfoDto;
import dev.apiplatform.server.pat.analysis.ActigraphyAnalysis;
import dev.apiplatform.server.pat.analysis.ModelInfo;

/**
 * The library's records to the contract's wire types. The contract's analysis schemas are the
 * records' components in snake_case, so one snake_case mapping converts them; reading the result
 * into the generated {@code Dto}s with unknown properties failing is what keeps the two in step
 * (a component the contract lacks fails every analysis, and the tests).
 */
final class AnalysisJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      // absent, not null, for a variable the recording cannot support (list entries stay null)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  private AnalysisJson() {}

  /** The stored (wire) form of an analysis. */
  static String write(ActigraphyAnalysis analysis) {
    try {
      return MAPPER.writeValueAsString(MAPPER.treeToValue(MAPPER.valueToTree(analysis), ActigraphyAnalysisDto.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("analysis does not fit the contract's ActigraphyAnalysis", e);
    }
  }

  static ActigraphyAnalysisDto read(String json) {
    try {
      return MAPPER.readValue(json, ActigraphyAnalysisDto.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored analysis unreadable", e);
    }
  }

  static ModelInfoDto modelInfo(ModelInfo info) {
    try {
      return MAPPER.treeToValue(MAPPER.valueToTree(info), ModelInfoDto.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("model info does not fit the contract's ModelInfo", e);
    }
  }
}
