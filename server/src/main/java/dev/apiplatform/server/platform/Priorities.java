package dev.apiplatform.server.platform;

/**
 * The order of every filter, in one place. Request filters run in ascending order, response
 * filters in descending order (JAX-RS). Values are spaced so a new filter fits between two.
 */
public final class Priorities {

  private Priorities() {}

  /** First in, last out: the access log sees the final status and the whole duration. */
  public static final int REQUEST_LOG = 0;
  /** Response: request metrics, after every filter that may change the status, before the access log. */
  public static final int METRICS = 2;
  /** Drains a body nobody read, so keep-alive connections stay usable. */
  public static final int UNREAD_BODY_GUARD = 1;
  /** 413 before anything reads a large body. */
  public static final int BODY_SIZE_LIMIT = 5;
  public static final int CORS = 10;
  public static final int SECURITY_HEADERS = 20;
  /** Pre-matching, after CORS preflights: 405 on a literal path before a sibling template matches. */
  public static final int LITERAL_PATH_METHODS = 25;
  /** Pre-matching: seed 003's {@code /api/v1/health-data//} spelling becomes the contract's path. */
  public static final int SEED_PATH_SPELLINGS = 27;
  /** Response: 200 becomes the operation's documented 2xx. */
  public static final int CONTRACT_STATUS = 30;
  /** Response: ETag of a returned item. */
  public static final int ITEM_ETAG = 40;
  /** Post-matching: resolves the contract operation once; every later filter reads it. */
  public static final int CONTRACT_OPERATION = 500;
  /** Before authentication: a flood of sign-in attempts costs no token verification. */
  public static final int AUTH_RATE_LIMIT = jakarta.ws.rs.Priorities.AUTHENTICATION - 100;
  public static final int AUTHENTICATION = jakarta.ws.rs.Priorities.AUTHENTICATION;
  /** After authentication: the per-user API limit counts the verified subject, not a claimed one. */
  public static final int API_RATE_LIMIT = jakarta.ws.rs.Priorities.AUTHENTICATION + 100;
}
