package dev.apiplatform.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.apiplatform.server.config.Stage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The JSON form of the bundle (written by the build, read at start) against the YAML it was made
 * from: the same tree, the same index, the same served bytes, and never read for another YAML.
 */
class ContractJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static byte[] jsonForm() {
    byte[] json = Contract.resource(Contract.class.getClassLoader(), ContractJson.JSON_RESOURCE);
    assertThat(json).as("the build writes %s (server/pom.xml, contract-json)", ContractJson.JSON_RESOURCE).isNotNull();
    return json;
  }

  @Test
  void theJsonForm_isTheTreeOfTheClasspathsYaml_typesAndOrderIncluded() throws Exception {
    byte[] yaml = Contract.bundle();
    ObjectNode fromJson = ContractJson.fromJson(yaml, jsonForm());
    assertThat(fromJson).as("made from this openapi.yaml").isNotNull();
    ObjectNode fromYaml = (ObjectNode) new YAMLMapper().readTree(yaml);
    assertThat(fromJson).isEqualTo(fromYaml);
    assertThat(JSON.writeValueAsString(fromJson)).isEqualTo(JSON.writeValueAsString(fromYaml));
    assertThat(Contract.bundleTree()).isEqualTo(fromYaml);
  }

  @Test
  void theJsonForm_isWhatTheBuildStepWritesForThisYaml() throws Exception {
    // a form in target/classes left from another bundle would differ here
    assertThat(ContractJson.write(Contract.bundle())).isEqualTo(jsonForm());
  }

  @Test
  void theIndexFromJson_isTheIndexFromYaml() {
    Contract fromJson = Contract.load();
    Contract fromYaml = Contract.fromYaml(new String(Contract.bundle(), StandardCharsets.UTF_8));
    assertThat(fromJson.operations()).isNotEmpty().containsExactlyElementsOf(fromYaml.operations());
    assertThat(fromJson.tags()).isEqualTo(fromYaml.tags());
    assertThat(fromJson.bodyRules()).isNotEmpty().isEqualTo(fromYaml.bodyRules());
    assertThat(fromJson.title()).isEqualTo(fromYaml.title());
    assertThat(fromJson.version()).isEqualTo(fromYaml.version());
    assertThat(fromJson.schemaLimit("HealthDataUpload", "metrics", "x-max-json-chars"))
        .isEqualTo(fromYaml.schemaLimit("HealthDataUpload", "metrics", "x-max-json-chars"));
  }

  @Test
  void everyStage_servesTheBytesTheYamlParseServed() throws Exception {
    byte[] bundle = Contract.bundle();
    for (Stage stage : Stage.values()) {
      // main's Contract.load(stage) + servedYaml(): parse, filter, write the filtered tree (or keep
      // the bundle), then parse that again and add the relative server
      ObjectNode root = Contract.parseYaml(bundle);
      byte[] kept = Contract.withoutOtherStages(root, stage) ? new YAMLMapper().writeValueAsBytes(root) : bundle;
      String before = Contract.servedVersion(Contract.parseYaml(kept));

      Contract contract = Contract.load(stage);
      assertThat(contract.servedYaml()).as(stage.name()).isEqualTo(before);
      assertThat(contract.yaml()).as(stage.name()).isEqualTo(new String(kept, StandardCharsets.UTF_8));
    }
    assertThat(Contract.load(Stage.PROD).servedYaml()).isNotEqualTo(Contract.load(Stage.DEV).servedYaml());
  }

  @Test
  void aJsonFormOfAnotherYaml_isNotRead() {
    byte[] yaml = Contract.bundle();
    byte[] json = jsonForm();
    byte[] longer = Arrays.copyOf(yaml, yaml.length + 1);
    longer[yaml.length] = '\n';
    byte[] sameLength = yaml.clone();
    int at = new String(yaml, StandardCharsets.UTF_8).indexOf("version: ") + "version: ".length() + 1;
    sameLength[at] = (byte) (sameLength[at] == '9' ? '8' : '9');

    assertThat(ContractJson.fromJson(longer, json)).isNull();
    assertThat(ContractJson.fromJson(sameLength, json)).isNull();
    assertThat(ContractJson.fromJson(yaml, "{\"document\": {}}".getBytes(StandardCharsets.UTF_8))).isNull();
  }

  @Test
  void anotherYaml_isParsed_withAWarningOnTheContractsLogger() {
    byte[] other = "openapi: 3.0.3\ninfo: {title: other, version: \"2\"}\npaths: {}\n".getBytes(StandardCharsets.UTF_8);
    Logger logger = (Logger) LoggerFactory.getLogger(Contract.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    ObjectNode tree;
    try {
      tree = ContractJson.tree(other);
    } finally {
      logger.detachAppender(logs);
    }
    assertThat(tree).isEqualTo(Contract.parseYaml(other));
    assertThat(logs.list).singleElement().satisfies(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getFormattedMessage()).isEqualTo(ContractJson.JSON_RESOURCE
          + " was made from another openapi.yaml: parsing openapi.yaml instead (slower start)");
    });
  }

  @Test
  void aYamlWhoseTreeJsonCannotCarry_failsTheBuildStep() {
    // !!binary reads as a binary node; JSON carries it as base64 text
    byte[] yaml = "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths: {}\nx-blob: !!binary aGVsbG8=\n"
        .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ContractJson.write(yaml)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not read back");
  }

  @Test
  void aYamlThatIsNoDocument_failsTheBuildStep() {
    assertThatThrownBy(() -> ContractJson.write("- just\n- a list\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalStateException.class);
  }
}
