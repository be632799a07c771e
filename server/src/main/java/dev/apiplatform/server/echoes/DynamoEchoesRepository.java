package dev.apiplatform.server.echoes;

import dev.apiplatform.server.storage.QueryPages;
import dev.apiplatform.server.storage.StoreCalls;
import dev.apiplatform.server.storage.StorageDefinitions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * {@link EchoesRepository} on the {@code Echoes} table ({@code userId} + {@code echoId}). Listing
 * reads the {@code user-index} ({@code userId}, {@code listKey} = createdAt#echoId) or, for one
 * emotion, the {@code emotion-index} ({@code userEmotion} = userId#emotion, same sort key): both
 * are partitioned by owner, so no query ever reads another user's echoes.
 */
public final class DynamoEchoesRepository implements EchoesRepository {

  static final String USER = "userId";
  static final String ECHO = "echoId";
  static final String EMOTION = "emotion";
  static final String USER_EMOTION = "userEmotion";
  static final String LIST_KEY = "listKey";
  static final String TIMESTAMP = "timestamp";
  static final String S3_KEY = "s3Key";
  static final String CONTENT_TYPE = "contentType";
  static final String FILE_SIZE = "fileSize";
  static final String LAT = "lat";
  static final String LNG = "lng";
  static final String TAGS = "tags";
  static final String TRANSCRIPT = "transcript";
  static final String DETECTED_MOOD = "detectedMood";
  static final String CREATED_AT = "createdAt";

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoEchoesRepository(DynamoDbClient dynamo, StorageDefinitions definitions) {
    this.dynamo = dynamo;
    this.table = definitions.tableName(StorageDefinitions.ECHOES_TABLE);
  }

  static <T> T call(String what, Supplier<T> call) {
    return StoreCalls.dynamo(what, call);
  }

  @Override
  public void create(Echo echo) {
    try {
      call("Saving echo", () -> dynamo.putItem(r -> r.tableName(table).item(toAttributes(echo))
          .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", ECHO))));
    } catch (ConditionalCheckFailedException e) {
      throw new EchoExistsException(echo.echoId());
    }
  }

  @Override
  public Optional<Echo> find(String userId, String echoId) {
    Map<String, AttributeValue> found = call("Reading echo",
        () -> dynamo.getItem(r -> r.tableName(table).key(key(userId, echoId)).consistentRead(true)).item());
    return found == null || found.isEmpty() ? Optional.empty() : Optional.of(toEcho(found));
  }

  @Override
  public void delete(String userId, String echoId) {
    call("Deleting echo", () -> dynamo.deleteItem(r -> r.tableName(table).key(key(userId, echoId))));
  }

  private QueryRequest.Builder query(String userId, Optional<String> emotion) {
    String index = emotion.isPresent() ? StorageDefinitions.ECHOES_EMOTION_INDEX : StorageDefinitions.ECHOES_USER_INDEX;
    String pkName = emotion.isPresent() ? USER_EMOTION : USER;
    String pk = emotion.map(e -> userId + "#" + e).orElse(userId);
    return QueryRequest.builder().tableName(table).indexName(index).keyConditionExpression("#pk = :pk")
        .expressionAttributeNames(Map.of("#pk", pkName)).expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)));
  }

  @Override
  public int count(String userId, Optional<String> emotion) {
    int[] total = {0};
    QueryPages.query(dynamo, "Counting echoes", () -> query(userId, emotion).select(Select.COUNT), null, response -> {
      total[0] += response.count();
      return true;
    });
    return total[0];
  }

  @Override
  public List<Echo> page(String userId, Optional<String> emotion, int offset, int limit) {
    List<Echo> out = new ArrayList<>();
    int[] skipped = {0};
    QueryPages.query(dynamo, "Listing echoes", () -> {
      int want = offset - skipped[0] + limit - out.size();
      return query(userId, emotion).scanIndexForward(false).limit(Math.min(Math.max(want, 1), 500));
    }, null, response -> {
      for (Map<String, AttributeValue> item : response.items()) {
        if (skipped[0] < offset) {
          skipped[0]++;
        } else if (out.size() < limit) {
          out.add(toEcho(item));
        }
      }
      return out.size() < limit;
    });
    return out;
  }

  private static Map<String, AttributeValue> key(String userId, String echoId) {
    return Map.of(USER, AttributeValue.fromS(userId), ECHO, AttributeValue.fromS(echoId));
  }

  private static Map<String, AttributeValue> toAttributes(Echo e) {
    Map<String, AttributeValue> a = new HashMap<>();
    a.put(USER, AttributeValue.fromS(e.userId()));
    a.put(ECHO, AttributeValue.fromS(e.echoId()));
    a.put(EMOTION, AttributeValue.fromS(e.emotion()));
    a.put(USER_EMOTION, AttributeValue.fromS(e.userId() + "#" + e.emotion()));
    a.put(LIST_KEY, AttributeValue.fromS(e.createdAt() + "#" + e.echoId()));
    a.put(TIMESTAMP, AttributeValue.fromS(e.timestamp().toString()));
    a.put(S3_KEY, AttributeValue.fromS(e.s3Key()));
    a.put(CONTENT_TYPE, AttributeValue.fromS(e.contentType()));
    a.put(FILE_SIZE, AttributeValue.fromN(Long.toString(e.fileSize())));
    e.location().ifPresent(l -> {
      a.put(LAT, AttributeValue.fromN(Double.toString(l.lat())));
      a.put(LNG, AttributeValue.fromN(Double.toString(l.lng())));
    });
    a.put(TAGS, AttributeValue.fromL(e.tags().stream().map(AttributeValue::fromS).toList()));
    e.transcript().ifPresent(t -> a.put(TRANSCRIPT, AttributeValue.fromS(t)));
    e.detectedMood().ifPresent(m -> a.put(DETECTED_MOOD, AttributeValue.fromS(m)));
    a.put(CREATED_AT, AttributeValue.fromS(e.createdAt().toString()));
    return a;
  }

  private static Echo toEcho(Map<String, AttributeValue> a) {
    Optional<Echo.Location> location = a.containsKey(LAT) && a.containsKey(LNG)
        ? Optional.of(new Echo.Location(Double.parseDouble(a.get(LAT).n()), Double.parseDouble(a.get(LNG).n())))
        : Optional.empty();
    AttributeValue tags = a.get(TAGS);
    return new Echo(a.get(USER).s(), a.get(ECHO).s(), a.get(EMOTION).s(), Instant.parse(a.get(TIMESTAMP).s()),
        a.get(S3_KEY).s(), a.get(CONTENT_TYPE).s(), Long.parseLong(a.get(FILE_SIZE).n()), location,
        tags == null || !tags.hasL() ? List.of() : tags.l().stream().map(AttributeValue::s).toList(),
        Optional.ofNullable(a.get(TRANSCRIPT)).map(AttributeValue::s),
        Optional.ofNullable(a.get(DETECTED_MOOD)).map(AttributeValue::s), Instant.parse(a.get(CREATED_AT).s()));
  }
}
