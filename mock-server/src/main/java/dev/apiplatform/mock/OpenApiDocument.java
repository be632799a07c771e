package dev.apiplatform.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A parsed, self-contained OpenAPI 3.0 document (YAML or JSON) with in-document
 * {@code $ref} resolution. External references are not followed: the mock is built from
 * the bundle, which has none.
 */
final class OpenApiDocument {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final JsonNode root;
  private final String source;
  private final String text;

  private OpenApiDocument(JsonNode root, String source, String text) {
    if (root == null || !root.isObject() || !root.has("paths")) {
      throw new IllegalArgumentException("Not an OpenAPI document (no 'paths'): " + source);
    }
    this.root = root;
    this.source = source;
    this.text = text;
  }

  static OpenApiDocument parse(String yamlOrJson, String source) {
    try {
      return new OpenApiDocument(YAML.readTree(yamlOrJson), source, yamlOrJson);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot parse OpenAPI document " + source, e);
    }
  }

  static OpenApiDocument read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read OpenAPI document " + file, e);
    }
  }

  static OpenApiDocument readClasspath(String resource) {
    ClassLoader cl = Objects.requireNonNullElse(
        Thread.currentThread().getContextClassLoader(), OpenApiDocument.class.getClassLoader());
    try (InputStream in = cl.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Classpath resource '" + resource + "' not found"
            + " (is dev.apiplatform:contract on the classpath?)");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + resource);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read classpath resource " + resource, e);
    }
  }

  JsonNode root() {
    return root;
  }

  String source() {
    return source;
  }

  /** The document as it was read (what the request validator parses). */
  String text() {
    return text;
  }

  /** Follows {@code $ref} chains (in-document only); returns the node itself when it has none. */
  JsonNode deref(JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; current != null && current.isObject() && current.has("$ref"); hops++) {
      if (hops > 32) {
        throw new IllegalStateException("$ref chain too long or cyclic at " + node.get("$ref"));
      }
      current = pointer(current.get("$ref").asText());
    }
    return current == null ? MissingNode.getInstance() : current;
  }

  /** Resolves a local reference such as {@code #/components/schemas/Pet}. */
  JsonNode pointer(String ref) {
    if (!ref.startsWith("#")) {
      throw new IllegalStateException("External $ref '" + ref + "' in " + source
          + ": the mock needs a self-contained (bundled) document");
    }
    String ptr = URLDecoder.decode(ref.substring(1), StandardCharsets.UTF_8);
    JsonNode target = root.at(ptr);
    if (target.isMissingNode()) {
      throw new IllegalStateException("Unresolvable $ref '" + ref + "' in " + source);
    }
    return target;
  }
}
