package dev.apiplatform.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Examples rendered as response text: header values and bodies in their media type. */
final class Bodies {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML_OUT = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private Bodies() {}

  static String headerValue(JsonNode example) {
    if (example == null || example.isNull() || example.isMissingNode()) {
      return "example";
    }
    if (example.isValueNode()) {
      return example.asText();
    }
    if (example.isArray()) {
      List<String> parts = new ArrayList<>();
      example.forEach(x -> parts.add(x.isValueNode() ? x.asText() : x.toString()));
      return String.join(",", parts);
    }
    return example.toString();
  }

  /** The body text for an example in a media type: JSON for any *json type, else text/YAML. */
  static String render(JsonNode example, String mediaType) {
    if (example == null || example.isMissingNode()) {
      return null;
    }
    String mt = mediaType.toLowerCase(Locale.ROOT);
    try {
      if (mt.contains("json")) {
        return JSON.writeValueAsString(example);
      }
      if (example.isValueNode()) {
        return example.asText();
      }
      if (mt.contains("yaml")) {
        return YAML_OUT.writeValueAsString(example);
      }
      return JSON.writeValueAsString(example);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

}
