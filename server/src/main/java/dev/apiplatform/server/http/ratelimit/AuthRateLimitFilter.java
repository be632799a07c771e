package dev.apiplatform.server.http.ratelimit;

import dev.apiplatform.server.domain.RateLimited;
import dev.apiplatform.server.http.Contract;
import dev.apiplatform.server.http.GrizzlyPeer;
import dev.apiplatform.server.http.OperationResolver;
import dev.apiplatform.server.platform.Priorities;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.List;

/**
 * A bounded request rate per client IP over the public auth operations, before any work is
 * done: it caps code sending, password guessing and sign-up spam from one address. Which
 * operations it covers comes from the contract: the public ones that document 429. Secured
 * operations (logout, /me) are not limited here: they need a valid token, and their contract
 * promises no 429. The client IP is the socket peer unless that peer is a trusted proxy. Per
 * process: behind a load balancer each instance counts on its own.
 */
@Priority(Priorities.AUTH_RATE_LIMIT)
public final class AuthRateLimitFilter implements ContainerRequestFilter {

  private final RateLimiter limiter;
  private final List<String> trustedProxies;

  public AuthRateLimitFilter(RateLimiter limiter, List<String> trustedProxies) {
    this.limiter = limiter;
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (!isLimited(OperationResolver.of(request))) return;
    String ip = ClientIp.resolve(GrizzlyPeer.remoteAddress(request), request.getHeaderString("X-Forwarded-For"),
        trustedProxies);
    RateLimiter.Decision decision = limiter.tryAcquire(ip);
    if (!decision.allowed()) {
      throw new RateLimited(decision.retryAfterSeconds(), "Too many authentication requests from your address");
    }
  }

  private static boolean isLimited(Contract.Operation op) {
    return op != null && !op.secured() && op.statuses().contains(429);
  }
}
