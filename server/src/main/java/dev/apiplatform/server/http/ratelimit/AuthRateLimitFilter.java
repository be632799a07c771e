package dev.apiplatform.server.http.ratelimit;

import jakarta.annotation.Priority;
import jakarta.inject.Provider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import java.util.List;
import org.glassfish.grizzly.http.server.Request;

/**
 * A bounded request rate per client IP over every auth endpoint ({@code /auth/*} and
 * {@code /api/v1/auth/*}), before any work is done: it caps code sending, password guessing and
 * sign-up spam from one address. The client IP is the socket peer unless that peer is a trusted
 * proxy. Per process: behind a load balancer each instance counts on its own.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class AuthRateLimitFilter implements ContainerRequestFilter {

  private final RateLimiter limiter;
  private final List<String> trustedProxies;

  @Context private Provider<Request> grizzlyRequest;

  public AuthRateLimitFilter(RateLimiter limiter, List<String> trustedProxies) {
    this.limiter = limiter;
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String path = "/" + request.getUriInfo().getPath(false).replaceFirst("^/", "");
    boolean auth = path.startsWith("/auth/") || path.startsWith("/api/v1/auth/");
    if (!auth || "GET".equals(request.getMethod()) || "OPTIONS".equals(request.getMethod())) return;
    Request peer = grizzlyRequest.get();
    String ip = ClientIp.resolve(peer.getRemoteAddr(), request.getHeaderString("X-Forwarded-For"), trustedProxies);
    RateLimiter.Decision decision = limiter.tryAcquire(ip);
    if (!decision.allowed()) {
      throw TooManyRequestsException.of(decision, "Too many authentication requests from your address");
    }
  }
}
