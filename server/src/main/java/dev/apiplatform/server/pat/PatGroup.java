package dev.apiplatform.server.pat;

import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.storage.TableDefinition;
import java.util.List;

/**
 * PAT actigraphy analysis (seed 003 section 1.3): the {@code pat.analysis} library behind the
 * contract, results stored per owner in {@code PatAnalyses}.
 */
public final class PatGroup implements ResourceGroup {

  /** Analyses by owner ({@code userId}) and {@code processingId}. */
  public static final String ANALYSES_TABLE = "PatAnalyses";

  @Override
  public String tag() {
    return "pat";
  }

  @Override
  public List<TableDefinition> tables() {
    return List.of(TableDefinition.of(ANALYSES_TABLE, "userId").withSortKey("processingId"));
  }

  @Override
  public Wiring wire(Services services) {
    PatService pat = new PatService(new DynamoPatAnalyses(services.aws().dynamoDb(), services.storage()),
        services.clock());
    return Wiring.of(new PatResource(pat, services.clock(), services.version()));
  }
}
