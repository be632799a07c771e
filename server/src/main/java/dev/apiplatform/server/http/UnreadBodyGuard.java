package dev.apiplatform.server.http;

import dev.apiplatform.server.platform.Priorities;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Closes the connection after an error answer to a request that carried a body, since that body
 * may be unread. Grizzly ignores the Content-Length of a TRACE (RFC 9110 forbids it content) and
 * parses its body as a further request; the client must not get that stray answer as the answer
 * to its next request on a kept-alive connection. (Grizzly still parses those bytes: a proxy in
 * front must not forward a TRACE that has a body.)
 */
@PreMatching
@Priority(Priorities.UNREAD_BODY_GUARD)
public final class UnreadBodyGuard implements ContainerRequestFilter, ContainerResponseFilter {

  private static final String HAD_BODY = "platform.requestHadBody";

  @Override
  public void filter(ContainerRequestContext request) {
    if (hasBody(request)) request.setProperty(HAD_BODY, Boolean.TRUE);
  }

  /** Whether the request announces a body: a Content-Length above 0 or a Transfer-Encoding. */
  static boolean hasBody(ContainerRequestContext request) {
    return request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    boolean body = request.getProperty(HAD_BODY) != null;
    if (body && (response.getStatus() >= 400 || "TRACE".equals(request.getMethod()))) {
      response.getHeaders().putSingle("Connection", "close");
    }
  }
}
