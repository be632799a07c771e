package dev.apiplatform.server.echoes;

import dev.apiplatform.server.domain.Conflict;

/** An echo is saved once. */
public final class EchoExists extends Conflict {

  public EchoExists(String echoId) {
    super("Echo '" + echoId + "' is saved already");
  }
}
