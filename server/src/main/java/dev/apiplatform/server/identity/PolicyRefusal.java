package dev.apiplatform.server.identity;

import dev.apiplatform.server.domain.DomainException;

/**
 * A password or email refused by policy. Seed 001 (Motion) clients read {@code message} and
 * {@code reason} members, so the problem's title is the message and its detail the reason.
 */
public abstract class PolicyRefusal extends DomainException {

  private final String message;

  protected PolicyRefusal(String message, String reason) {
    super(reason);
    this.message = message;
  }

  public String message() {
    return message;
  }

  public String reason() {
    return detail();
  }
}
