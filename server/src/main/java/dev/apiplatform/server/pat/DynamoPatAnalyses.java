package dev.apiplatform.server.pat;

import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.storage.StoreCalls;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link PatAnalyses} on the {@code PatAnalyses} table ({@code userId} + {@code processingId}). */
public final class DynamoPatAnalyses implements PatAnalyses {

  static final String USER = "userId";
  static final String ID = "processingId";
  static final String INPUT_TYPE = "inputType";
  static final String CREATED_AT = "createdAt";
  static final String ANALYSIS = "analysis";

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoPatAnalyses(DynamoDbClient dynamo, StorageDefinitions definitions) {
    this.dynamo = dynamo;
    this.table = definitions.tableName(PatGroup.ANALYSES_TABLE);
  }

  @Override
  public void save(StoredAnalysis a) {
    Map<String, AttributeValue> item = new HashMap<>(key(a.userId(), a.processingId()));
    item.put(INPUT_TYPE, AttributeValue.fromS(a.inputType().wire()));
    item.put(CREATED_AT, AttributeValue.fromS(a.createdAt().toString()));
    item.put(ANALYSIS, AttributeValue.fromS(a.analysisJson()));
    // processing ids are fresh UUIDs: an existing item would be a bug, never overwritten
    StoreCalls.dynamo("Saving analysis", () -> dynamo.putItem(r -> r.tableName(table).item(item)
        .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", ID))));
  }

  @Override
  public Optional<StoredAnalysis> find(String userId, String processingId) {
    Map<String, AttributeValue> found = StoreCalls.dynamo("Reading analysis",
        () -> dynamo.getItem(r -> r.tableName(table).key(key(userId, processingId)).consistentRead(true)).item());
    if (found == null || found.isEmpty()) return Optional.empty();
    return Optional.of(new StoredAnalysis(found.get(USER).s(), found.get(ID).s(),
        StoredAnalysis.InputType.fromWire(found.get(INPUT_TYPE).s()), Instant.parse(found.get(CREATED_AT).s()),
        found.get(ANALYSIS).s()));
  }

  @Override
  public void ping() {
    StoreCalls.dynamo("Checking the analysis store",
        () -> dynamo.getItem(r -> r.tableName(table).key(key("health-check", "health-check"))));
  }

  private static Map<String, AttributeValue> key(String userId, String processingId) {
    return Map.of(USER, AttributeValue.fromS(userId), ID, AttributeValue.fromS(processingId));
  }
}
