package dev.apiplatform.server.pat;

import dev.apiplatform.server.domain.NotFound;

/** No analysis with this id for the caller (another user's analysis is not told apart). */
public final class AnalysisNotFound extends NotFound {

  public AnalysisNotFound(String processingId) {
    super("No analysis with id '" + processingId + "'");
  }
}
