package dev.apiplatform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundlerTest {

  @TempDir Path dir;

  private static final String ROOT = """
      openapi: 3.0.3
      info: {title: T, version: '1'}
      """;
  private static final String SHARED = """
      openapi: 3.0.3
      info: {title: S, version: '1'}
      paths: {}
      components:
        schemas:
          Problem:
            type: object
            properties:
              detail: {$ref: '#/components/schemas/Detail'}
          Detail: {type: string}
        responses:
          NotFound:
            description: nope
            content:
              application/problem+json:
                schema: {$ref: '#/components/schemas/Problem'}
        securitySchemes:
          bearerAuth: {type: http, scheme: bearer}
      """;

  private void write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static String group(String tag, String path, String method, String operationId, String extraComponents) {
    return """
        openapi: 3.0.3
        info: {title: %1$s, version: '1'}
        tags: [{name: %1$s}]
        paths:
          %2$s:
            %3$s:
              tags: [%1$s]
              operationId: %4$s
              summary: does it
              security: [{bearerAuth: []}]
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Thing'}
                '404': {$ref: './shared/shared.yaml#/components/responses/NotFound'}
        components:
          securitySchemes:
            bearerAuth: {$ref: './shared/shared.yaml#/components/securitySchemes/bearerAuth'}
          schemas:
            Thing: {type: object, properties: {id: {type: string}}}
        %5$s
        """.formatted(tag, path, method, operationId, extraComponents);
  }

  private JsonNode bundle() {
    return new Bundler().bundle(dir);
  }

  @Test
  void bundle_mergesGroups_andPullsSharedComponentsTransitively() throws IOException {
    write("platform.yaml", ROOT);
    write("shared/shared.yaml", SHARED);
    write("a.yaml", group("a", "/a", "get", "a_get", ""));
    write("b.yaml", group("b", "/b", "post", "b_create", ""));
    JsonNode bundle = bundle();
    assertThat(bundle.path("paths").has("/a")).isTrue();
    assertThat(bundle.path("paths").has("/b")).isTrue();
    assertThat(bundle.at("/paths/~1a/get/responses/404/$ref").asText()).isEqualTo("#/components/responses/NotFound");
    assertThat(bundle.at("/components/schemas/Problem/properties/detail/$ref").asText()).isEqualTo("#/components/schemas/Detail");
    assertThat(bundle.at("/components/schemas/Detail/type").asText()).isEqualTo("string");
    assertThat(bundle.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
    assertThat(bundle.path("tags")).hasSize(2);
    assertThat(Documents.toYaml(bundle)).doesNotContain("shared.yaml");
  }

  @Test
  void bundle_failsOnDuplicateMethodAndPath() throws IOException {
    write("platform.yaml", ROOT);
    write("shared/shared.yaml", SHARED);
    write("a.yaml", group("a", "/same", "get", "a_get", ""));
    write("b.yaml", group("b", "/same", "get", "b_get", ""));
    assertThatThrownBy(this::bundle).isInstanceOf(BundleException.class).hasMessageContaining("duplicate operation GET /same");
  }

  @Test
  void bundle_failsOnDuplicateOperationId() throws IOException {
    write("platform.yaml", ROOT);
    write("shared/shared.yaml", SHARED);
    write("a.yaml", group("a", "/a", "get", "things_get", ""));
    write("b.yaml", group("b", "/b", "get", "things_get", ""));
    assertThatThrownBy(this::bundle).isInstanceOf(BundleException.class).hasMessageContaining("duplicate operationId 'things_get'");
  }

  @Test
  void bundle_failsOnOneSchemaNameDefinedTwiceDifferently() throws IOException {
    write("platform.yaml", ROOT);
    write("shared/shared.yaml", SHARED);
    write("a.yaml", group("a", "/a", "get", "a_get", ""));
    write("b.yaml", group("b", "/b", "get", "b_get", "").replace("id: {type: string}", "id: {type: integer}"));
    assertThatThrownBy(this::bundle).isInstanceOf(BundleException.class)
        .hasMessageContaining("schemas 'Thing' is defined twice differently");
  }

  @Test
  void bundle_acceptsOneSchemaDefinedIdenticallyInTwoGroups() throws IOException {
    write("platform.yaml", ROOT);
    write("shared/shared.yaml", SHARED);
    write("a.yaml", group("a", "/a", "get", "a_get", ""));
    write("b.yaml", group("b", "/b", "get", "b_get", ""));
    assertThat(bundle().at("/components/schemas/Thing/properties/id/type").asText()).isEqualTo("string");
  }

  @Test
  void bundle_failsOnUnresolvedReference() throws IOException {
    write("platform.yaml", ROOT);
    write("shared/shared.yaml", SHARED);
    write("a.yaml", group("a", "/a", "get", "a_get", "").replace("NotFound'", "Gone'"));
    assertThatThrownBy(this::bundle).isInstanceOf(BundleException.class).hasMessageContaining("unresolved reference");
  }

  @Test
  void bundle_enforcesOperationIdShapeAndExplicitSecurity() throws IOException {
    write("platform.yaml", ROOT);
    write("shared/shared.yaml", SHARED);
    write("a.yaml", group("a", "/a", "get", "getThings", ""));
    assertThatThrownBy(this::bundle).isInstanceOf(BundleException.class).hasMessageContaining("<group>_<verb>");
    write("a.yaml", group("a", "/a", "get", "a_get", "").replace("      security: [{bearerAuth: []}]\n", ""));
    assertThatThrownBy(this::bundle).isInstanceOf(BundleException.class).hasMessageContaining("explicit security");
  }

  @Test
  void bundle_ofTheRealContract_succeeds() {
    JsonNode bundle = new Bundler().bundle(Path.of("../openapi"));
    assertThat(Bundler.countOperations(bundle)).isGreaterThanOrEqualTo(4);
    assertThat(bundle.path("paths").has("/healthz")).isTrue();
  }
}
