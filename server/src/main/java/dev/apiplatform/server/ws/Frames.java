package dev.apiplatform.server.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apiplatform.server.http.JacksonConfig;
import dev.apiplatform.server.insights.InsightInputs;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Seed 003's message format ({@code type}, {@code user_id}, {@code timestamp}, {@code content})
 * as ws.asyncapi.yaml's {@code ChatFrame} says: what clients may send, checked member by member,
 * and what the server sends, always stamped with the verified sender and the server's time.
 */
final class Frames {

  static final ObjectMapper JSON = JacksonConfig.create();
  static final String SYSTEM_USER = "system";
  static final int MAX_CONTENT = 4000;
  private static final Set<String> CLIENT_TYPES = Set.of("MESSAGE", "TYPING", "HEARTBEAT", "HEALTH_INSIGHT");
  private static final Set<String> MEMBERS = Set.of("type", "user_id", "timestamp", "content", "analysis_results",
      "analysis_ids", "insight_type");
  private static final Set<String> INSIGHT_TYPES = Set.of("comprehensive", "sleep", "activity", "circadian");
  private static final Pattern ANALYSIS_ID =
      Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

  /** A frame the server cannot use; answered with ERROR {@code code}, the connection stays. */
  static final class Refused extends Exception {
    final String code;

    Refused(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  /** A client frame that passed every check. */
  record ClientFrame(String type, String content, Map<String, Double> analysisResults, List<String> analysisIds,
      String insightType) {}

  private Frames() {}

  static ClientFrame parse(String text, String callerId) throws Refused {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new Refused("invalid_frame", "not JSON");
    }
    if (node == null || !node.isObject()) throw new Refused("invalid_frame", "a frame is one JSON object");
    for (var it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!MEMBERS.contains(name)) throw new Refused("invalid_frame", "unknown member '" + name + "'");
    }
    String type = node.path("type").asText("");
    if (!node.path("type").isTextual() || !CLIENT_TYPES.contains(type)) {
      throw new Refused("invalid_frame", "type must be one of MESSAGE, TYPING, HEARTBEAT, HEALTH_INSIGHT");
    }
    if (node.has("user_id") && !node.get("user_id").asText().equals(callerId)) {
      throw new Refused("not_allowed", "user_id, when sent, must be your own");
    }
    JsonNode content = node.path("content");
    if (!content.isMissingNode() && !content.isTextual()) throw new Refused("invalid_frame", "content must be text");
    String text1 = content.isTextual() ? content.asText() : null;
    if (text1 != null && text1.length() > MAX_CONTENT) {
      throw new Refused("invalid_frame", "content is longer than " + MAX_CONTENT + " characters");
    }
    if (type.equals("MESSAGE") && (text1 == null || text1.isBlank())) {
      throw new Refused("invalid_frame", "content is required in MESSAGE");
    }
    Map<String, Double> results = new TreeMap<>();
    List<String> ids = new ArrayList<>();
    String insightType = "comprehensive";
    if (!type.equals("HEALTH_INSIGHT") && (node.has("analysis_results") || node.has("analysis_ids")
        || node.has("insight_type"))) {
      throw new Refused("invalid_frame", "analysis_results, analysis_ids and insight_type go with HEALTH_INSIGHT only");
    }
    if (type.equals("HEALTH_INSIGHT")) {
      results = metrics(node.path("analysis_results"));
      ids = ids(node.path("analysis_ids"));
      if (node.has("insight_type")) {
        insightType = node.get("insight_type").asText("");
        if (!INSIGHT_TYPES.contains(insightType)) {
          throw new Refused("invalid_frame", "insight_type must be comprehensive, sleep, activity or circadian");
        }
      }
    }
    return new ClientFrame(type, text1, results, ids, insightType);
  }

  private static Map<String, Double> metrics(JsonNode node) throws Refused {
    Map<String, Double> out = new TreeMap<>();
    if (node.isMissingNode()) return out;
    if (!node.isObject()) throw new Refused("invalid_frame", "analysis_results must be an object");
    for (var it = node.fields(); it.hasNext(); ) {
      var field = it.next();
      if (!InsightInputs.METRICS.contains(field.getKey())) {
        throw new Refused("invalid_frame", "analysis_results has an unknown metric '" + field.getKey() + "'");
      }
      if (!field.getValue().isNumber() || field.getValue().asDouble() < 0) {
        throw new Refused("invalid_frame", "analysis_results." + field.getKey() + " must be a number >= 0");
      }
      out.put(field.getKey(), field.getValue().asDouble());
    }
    return out;
  }

  private static List<String> ids(JsonNode node) throws Refused {
    List<String> out = new ArrayList<>();
    if (node.isMissingNode()) return out;
    if (!node.isArray() || node.size() > 10) throw new Refused("invalid_frame", "analysis_ids must be at most 10 ids");
    for (JsonNode id : node) {
      if (!id.isTextual() || !ANALYSIS_ID.matcher(id.asText()).matches()) {
        throw new Refused("invalid_frame", "analysis_ids entries are processing ids (UUIDs)");
      }
      if (!out.contains(id.asText())) out.add(id.asText());
    }
    return out;
  }

  static String message(Clock clock, String type, String userId, String content) {
    return write(base(clock, type, userId, content));
  }

  static String error(Clock clock, String code, String content) {
    ObjectNode node = base(clock, "ERROR", SYSTEM_USER, content);
    node.put("code", code);
    return write(node);
  }

  static String withData(Clock clock, String type, String userId, String content, Object data) {
    ObjectNode node = base(clock, type, userId, content);
    node.set("data", JSON.valueToTree(data));
    return write(node);
  }

  private static ObjectNode base(Clock clock, String type, String userId, String content) {
    ObjectNode node = JSON.createObjectNode();
    node.put("type", type);
    node.put("user_id", userId);
    node.put("timestamp", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    if (content != null) node.put("content", content);
    return node;
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
