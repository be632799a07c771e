package dev.apiplatform.server.pat;

import java.util.Optional;

/** Stored analyses, keyed by owner and processing id: a lookup can only find the caller's own. */
public interface PatAnalyses {

  void save(StoredAnalysis analysis);

  Optional<StoredAnalysis> find(String userId, String processingId);

  /** One cheap read, so the health operation reports a store that is down (as a StorageException). */
  void ping();
}
