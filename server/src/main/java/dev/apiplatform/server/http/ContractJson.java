package dev.apiplatform.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step (server/pom.xml, {@code process-classes}): writes the JSON form of the classpath's
 * {@code openapi.yaml} that {@link Contract#load(dev.apiplatform.server.config.Stage)} reads at
 * start instead of parsing YAML (issue 15: start time). The YAML stays the source of truth: the
 * form is {@code {"source": {"bytes", "crc32"}, "document": <the YAML's tree>}}, under target/
 * only, and a start whose {@code openapi.yaml} is not the one it was made from parses the YAML.
 *
 * <p>Fails (and with it the build) when the bundle is missing, is not a YAML mapping, or its tree
 * does not come back from JSON exactly as it was read from YAML (same node types and order).
 *
 * <pre>java dev.apiplatform.server.http.ContractJson OUTPUT_DIRECTORY</pre>
 */
public final class ContractJson {

  private ContractJson() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) throw new IllegalArgumentException("usage: ContractJson OUTPUT_DIRECTORY (target/classes)");
    byte[] yaml = Contract.bundle();
    byte[] json = write(yaml);
    Path out = Path.of(args[0]).resolve(Contract.JSON_RESOURCE);
    Files.createDirectories(out.getParent());
    Files.write(out, json);
    System.out.println("[contract-json] " + out + ": " + json.length + " bytes from " + yaml.length + " bytes of openapi.yaml");
  }

  /** The JSON form of {@code yaml}, checked against the YAML's own tree. */
  static byte[] write(byte[] yaml) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode document = Contract.parseYaml(yaml);
    ObjectNode form = json.createObjectNode();
    form.putObject("source").put("bytes", yaml.length).put("crc32", Contract.crc32(yaml));
    form.set("document", document);
    byte[] bytes = json.writeValueAsBytes(form);
    ObjectNode back = Contract.fromJson(yaml, bytes);
    if (back == null || !sameTree(document, back, json)) {
      throw new IllegalStateException("the JSON form of openapi.yaml does not read back as the YAML's tree");
    }
    return bytes;
  }

  /** Equal nodes (types and values) in the same order: what the served YAML and the index see. */
  static boolean sameTree(JsonNode a, JsonNode b, ObjectMapper json) throws IOException {
    return a.equals(b) && json.writeValueAsString(a).equals(json.writeValueAsString(b));
  }
}
