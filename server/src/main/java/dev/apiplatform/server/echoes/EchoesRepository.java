package dev.apiplatform.server.echoes;

import java.util.List;
import java.util.Optional;

/** Echo records: keyed by owner and echo id, listed per owner (optionally per emotion), newest first. */
public interface EchoesRepository {

  /** Thrown by {@link #create} when the echo is saved already. */
  final class EchoExistsException extends RuntimeException {
    public EchoExistsException(String echoId) {
      super("Echo " + echoId + " exists", null, false, false);
    }
  }

  void create(Echo echo);

  Optional<Echo> find(String userId, String echoId);

  void delete(String userId, String echoId);

  /** How many of the owner's echoes match (only the owner's partition of the index is read). */
  int count(String userId, Optional<String> emotion);

  /** Entries {@code offset .. offset+limit-1} of the owner's echoes, newest first. */
  List<Echo> page(String userId, Optional<String> emotion, int offset, int limit);
}
