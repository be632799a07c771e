package dev.apiplatform.server.http.ratelimit;

import dev.apiplatform.server.domain.RateLimited;
import dev.apiplatform.server.http.Contract;
import dev.apiplatform.server.http.GrizzlyPeer;
import dev.apiplatform.server.http.OperationResolver;
import dev.apiplatform.server.platform.Priorities;
import dev.apiplatform.server.security.AuthenticatedUser;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.util.List;
import java.util.Map;

/**
 * Seed 002's API rate limit on every operation that documents 429: per user (the verified
 * token's subject) on secured operations, per client IP on public ones. It runs after
 * authentication, so a forged token cannot spend someone else's allowance. Counted per group
 * (each group may have its own limit) in the shared counter store, so every instance counts
 * together. Every limited response carries {@code RateLimit-Policy} and {@code RateLimit}
 * (draft-ietf-httpapi-ratelimit-headers); a refusal is a 429 problem with {@code Retry-After}.
 * Infrastructure operations (health, the contract, JWKS) document no 429 and are never limited.
 */
@Priority(Priorities.API_RATE_LIMIT)
public final class ApiRateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

  private static final String DECISION = ApiRateLimitFilter.class.getName() + ".decision";
  private static final String LIMITER = ApiRateLimitFilter.class.getName() + ".limiter";

  private final Map<String, SharedWindowLimiter> byGroup;
  private final SharedWindowLimiter fallback;
  private final List<String> trustedProxies;

  /** @param byGroup a limiter per contract tag; {@code fallback} for every other tag */
  public ApiRateLimitFilter(Map<String, SharedWindowLimiter> byGroup, SharedWindowLimiter fallback,
      List<String> trustedProxies) {
    this.byGroup = Map.copyOf(byGroup);
    this.fallback = fallback;
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Contract.Operation op = OperationResolver.of(request);
    if (op == null || !op.statuses().contains(429)) return;
    String caller;
    if (request.getSecurityContext().getUserPrincipal() instanceof AuthenticatedUser user) {
      caller = "user:" + user.userId();
    } else if (op.secured()) {
      return; // refused by authentication already; nothing to count
    } else {
      // the socket peer without an HK2 Provider<Request> lookup per request (issue 15)
      caller = "ip:" + ClientIp.resolve(GrizzlyPeer.remoteAddress(request), request.getHeaderString("X-Forwarded-For"),
          trustedProxies);
    }
    SharedWindowLimiter limiter = byGroup.getOrDefault(op.tag(), fallback);
    SharedWindowLimiter.Decision decision = limiter.tryAcquire(op.tag() + "#" + caller);
    request.setProperty(DECISION, decision);
    request.setProperty(LIMITER, limiter);
    if (!decision.allowed()) {
      throw new RateLimited(decision.resetSeconds(), "Too many requests");
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!(request.getProperty(DECISION) instanceof SharedWindowLimiter.Decision decision)) return;
    SharedWindowLimiter limiter = (SharedWindowLimiter) request.getProperty(LIMITER);
    GrizzlyPeer.setHeader(request, response, "RateLimit-Policy", limiter.policyHeader());
    GrizzlyPeer.setHeader(request, response, "RateLimit",
        "\"api\";r=" + decision.remaining() + ";t=" + decision.resetSeconds());
  }
}
