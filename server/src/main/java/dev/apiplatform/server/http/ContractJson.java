package dev.apiplatform.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.slf4j.LoggerFactory;

/**
 * The JSON form of the classpath's {@code openapi.yaml} that
 * {@link Contract#load(dev.apiplatform.server.config.Stage)} reads at start instead of parsing YAML
 * (issue 15: start time): written here by a build step, and checked here at start against the
 * YAML. The YAML stays the source of truth: the form is
 * {@code {"source": {"bytes", "crc32"}, "document": <the YAML's tree>}}, under target/ only, and a
 * start whose {@code openapi.yaml} is not the one it was made from parses the YAML ({@link #tree}).
 *
 * <p>The build step (server/pom.xml, {@code process-classes}) fails (and with it the build) when
 * the bundle is missing, is not a YAML mapping, or its tree does not come back from JSON exactly as
 * it was read from YAML (same node types and order).
 *
 * <pre>java dev.apiplatform.server.http.ContractJson OUTPUT_DIRECTORY</pre>
 */
public final class ContractJson {

  /** Classpath resource of the JSON form, written by {@link #main} in the server's build. */
  static final String JSON_RESOURCE = "dev/apiplatform/server/http/openapi.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ContractJson() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) throw new IllegalArgumentException("usage: ContractJson OUTPUT_DIRECTORY (target/classes)");
    byte[] yaml = Contract.bundle();
    byte[] json = write(yaml);
    Path out = Path.of(args[0]).resolve(JSON_RESOURCE);
    Files.createDirectories(out.getParent());
    Files.write(out, json);
    System.out.println("[contract-json] " + out + ": " + json.length + " bytes from " + yaml.length + " bytes of openapi.yaml");
  }

  /** The JSON form of {@code yaml}, checked against the YAML's own tree. */
  static byte[] write(byte[] yaml) throws IOException {
    ObjectNode document = Contract.parseYaml(yaml);
    ObjectNode form = JSON.createObjectNode();
    form.putObject("source").put("bytes", yaml.length).put("crc32", crc32(yaml));
    form.set("document", document);
    byte[] bytes = JSON.writeValueAsBytes(form);
    ObjectNode back = fromJson(yaml, bytes);
    if (back == null || !sameTree(document, back)) {
      throw new IllegalStateException("the JSON form of openapi.yaml does not read back as the YAML's tree");
    }
    return bytes;
  }

  /** Equal nodes (types and values) in the same order: what the served YAML and the index see. */
  static boolean sameTree(JsonNode a, JsonNode b) throws IOException {
    return a.equals(b) && JSON.writeValueAsString(a).equals(JSON.writeValueAsString(b));
  }

  /**
   * The tree of {@code yaml}, the classpath's {@code openapi.yaml}: from the JSON form the build
   * wrote beside {@link Contract} when it was made from these same bytes, else (no JSON form, or one
   * of another bundle: a contract jar newer than this one) parsed from the YAML, with a warning.
   */
  static ObjectNode tree(byte[] yaml) {
    byte[] json = Contract.resource(Contract.class.getClassLoader(), JSON_RESOURCE);
    ObjectNode root = json == null ? null : fromJson(yaml, json);
    if (root != null) return root;
    // Contract's logger, as before: the warning is about loading the contract
    LoggerFactory.getLogger(Contract.class).warn("{} {}: parsing openapi.yaml instead (slower start)",
        JSON_RESOURCE, json == null ? "is not on the classpath" : "was made from another openapi.yaml");
    return Contract.parseYaml(yaml);
  }

  /**
   * The document of a JSON form if it was made from exactly {@code yaml} (its length and CRC-32),
   * else null.
   */
  static ObjectNode fromJson(byte[] yaml, byte[] json) {
    JsonNode form;
    try {
      form = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + JSON_RESOURCE, e);
    }
    JsonNode source = form.path("source");
    boolean same = source.path("bytes").asLong(-1) == yaml.length && source.path("crc32").asLong(-1) == crc32(yaml);
    return same && form.path("document").isObject() ? (ObjectNode) form.get("document") : null;
  }

  /** With the length, what identifies the YAML a JSON form was made from. */
  static long crc32(byte[] yaml) {
    CRC32 crc = new CRC32();
    crc.update(yaml);
    return crc.getValue();
  }
}
