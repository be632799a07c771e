package dev.apiplatform.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The house rules every operation must follow before it enters the bundle: one tag declared by
 * its group, an operationId of the form {@code group_verb}, a summary, an explicit
 * {@code security}, and at least one 2xx response.
 */
final class OperationRules {

  private static final Pattern OPERATION_ID = Pattern.compile("^[a-z][A-Za-z0-9]*_[a-z][A-Za-z0-9]*$");

  private OperationRules() {}

  /** Returns the operationId; throws a {@link BundleException} naming the rule broken. */
  static String check(Path group, String opKey, JsonNode op, Set<String> groupTags) {
    String where = group.getFileName() + " " + opKey;
    String operationId = op.path("operationId").asText("");
    if (!OPERATION_ID.matcher(operationId).matches()) {
      throw new BundleException(where + ": operationId '" + operationId + "' must read <group>_<verb>, e.g. items_get");
    }
    JsonNode tags = op.path("tags");
    if (!tags.isArray() || tags.size() != 1 || !groupTags.contains(tags.get(0).asText())) {
      throw new BundleException(where + ": needs exactly one tag, declared in the group's tags " + groupTags);
    }
    if (op.path("summary").asText("").isBlank()) {
      throw new BundleException(where + ": needs a summary");
    }
    if (!op.has("security")) {
      throw new BundleException(where + ": needs an explicit security requirement ([] for public)");
    }
    boolean has2xx = false;
    for (String status : Bundler.fieldNames(op.path("responses"))) {
      has2xx |= status.startsWith("2");
    }
    if (!has2xx) {
      throw new BundleException(where + ": needs a 2xx response");
    }
    return operationId;
  }

}
