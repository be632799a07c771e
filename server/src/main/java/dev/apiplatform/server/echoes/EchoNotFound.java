package dev.apiplatform.server.echoes;

import dev.apiplatform.server.domain.NotFound;

/** No such echo, or nothing uploaded for it. */
public final class EchoNotFound extends NotFound {

  public EchoNotFound(String detail) {
    super(detail);
  }
}
