package dev.apiplatform.server.storage;

import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The one DynamoDB paging loop. A query returns at most 1 MB (or its {@code limit}) per call and
 * applies filters after that, so a repository that wants "one more than a page that matched" or
 * "every match" reads on from {@code LastEvaluatedKey}; this loop is the only place that does.
 */
public final class QueryPages {

  private QueryPages() {}

  /**
   * Queries from {@code start} ({@code null}: the beginning), page after page, each call through
   * {@link StoreCalls#dynamo}, until {@code onPage} returns {@code false} or the last page was read.
   * {@code request} is asked for a fresh builder per page, so a caller may size each page by what
   * it still needs.
   */
  public static void query(DynamoDbClient dynamo, String what, Supplier<QueryRequest.Builder> request,
      Map<String, AttributeValue> start, Predicate<QueryResponse> onPage) {
    Map<String, AttributeValue> next = start;
    while (true) {
      QueryRequest.Builder builder = request.get();
      if (next != null) builder.exclusiveStartKey(next);
      QueryResponse response = StoreCalls.dynamo(what, () -> dynamo.query(builder.build()));
      boolean more = onPage.test(response);
      if (!more || !response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) return;
      next = response.lastEvaluatedKey();
    }
  }
}
