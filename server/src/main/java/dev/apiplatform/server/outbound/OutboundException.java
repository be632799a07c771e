package dev.apiplatform.server.outbound;

/**
 * A third party gave no HTTP answer at all (after the allowed retries). The message names the
 * request by method, host and path only, never its query, headers or body.
 */
public final class OutboundException extends RuntimeException {

  public enum Kind {
    /** Could not connect (refused, DNS, connect timeout): the request never left. */
    CONNECT,
    /** Connected, but no complete answer within the request timeout. */
    TIMEOUT,
    /** The connection broke while sending or reading. */
    IO,
    /** The calling thread was interrupted while waiting. */
    INTERRUPTED
  }

  private final Kind kind;
  private final int attempts;

  public OutboundException(Kind kind, String described, int attempts, Throwable cause) {
    super(kind + " failure calling " + described + " after " + attempts + " attempt(s)", cause);
    this.kind = kind;
    this.attempts = attempts;
  }

  public Kind kind() {
    return kind;
  }

  public int attempts() {
    return attempts;
  }
}
