package dev.apiplatform.server.insights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.storage.StoreCalls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Insights on the {@code ClarityInsights} table: keyed by {@code insight_id} (derived from owner
 * and input hash, so the cache lookup is one get), listed per owner newest first through the
 * {@code user_id} + {@code list_key} ({@code <generated_at>#<insight_id>}) index.
 */
public final class InsightStore {

  static final String TABLE = "ClarityInsights";
  static final String BY_USER = "ClarityInsights-user-index";
  private static final String ID = "insight_id";
  private static final String USER = "user_id";
  private static final String LIST_KEY = "list_key";
  private static final String BODY = "insight";
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

  public record Page(List<Insight> insights, Optional<String[]> next) {}

  private final DynamoDbClient dynamo;
  private final String table;

  public InsightStore(DynamoDbClient dynamo, StorageDefinitions definitions) {
    this.dynamo = dynamo;
    this.table = definitions.tableName(TABLE);
  }

  static String listKey(Insight insight) {
    return insight.generatedAt() + "#" + insight.insightId();
  }

  /** Stores it unless one with its id exists (a concurrent twin); answers the one that is stored. */
  public Insight saveOnce(Insight insight) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(ID, s(insight.insightId()));
    item.put(USER, s(insight.userId()));
    item.put(LIST_KEY, s(listKey(insight)));
    item.put(BODY, s(write(insight)));
    try {
      StoreCalls.dynamo("Saving insight", () -> dynamo.putItem(r -> r.tableName(table).item(item)
          .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", ID))));
      return insight;
    } catch (ConditionalCheckFailedException e) {
      return find(insight.insightId()).orElse(insight);
    }
  }

  public Optional<Insight> find(String insightId) {
    Map<String, AttributeValue> found = StoreCalls.dynamo("Reading insight",
        () -> dynamo.getItem(r -> r.tableName(table).key(Map.of(ID, s(insightId))).consistentRead(true)).item());
    return found == null || found.isEmpty() ? Optional.empty() : Optional.of(read(found.get(BODY).s()));
  }

  /** @param after the last row's {@code [list_key, insight_id]} of the previous page */
  public Page list(String userId, int limit, Optional<String[]> after) {
    QueryResponse response = StoreCalls.dynamo("Listing insights", () -> dynamo.query(r -> {
      r.tableName(table).indexName(BY_USER).keyConditionExpression("#u = :u")
          .expressionAttributeNames(Map.of("#u", USER)).expressionAttributeValues(Map.of(":u", s(userId)))
          .scanIndexForward(false).limit(limit + 1); // one more tells whether a next page exists
      after.ifPresent(a -> r.exclusiveStartKey(Map.of(USER, s(userId), LIST_KEY, s(a[0]), ID, s(a[1]))));
    }));
    List<Insight> insights = new ArrayList<>();
    response.items().forEach(item -> insights.add(read(item.get(BODY).s())));
    Optional<String[]> next = Optional.empty();
    if (insights.size() > limit) {
      insights.subList(limit, insights.size()).clear();
      Insight last = insights.get(insights.size() - 1);
      next = Optional.of(new String[] {listKey(last), last.insightId()});
    }
    return new Page(insights, next);
  }

  /** One cheap read, so the status operation reports a store that is down (as a StorageException). */
  public void ping() {
    StoreCalls.dynamo("Checking the insight store",
        () -> dynamo.getItem(r -> r.tableName(table).key(Map.of(ID, s("health-check")))));
  }

  private static String write(Insight insight) {
    try {
      return JSON.writeValueAsString(insight);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Insight read(String json) {
    try {
      return JSON.readValue(json, Insight.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored insight is not readable", e);
    }
  }

  private static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }
}
