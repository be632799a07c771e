package dev.apiplatform.server.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.jersey.internal.PropertiesDelegate;
import org.glassfish.jersey.message.internal.TracingAwarePropertiesDelegate;
import org.glassfish.jersey.server.ContainerRequest;

/**
 * The socket peer of a request, read without an HK2 lookup. Injecting {@code Provider<Request>}
 * costs a request-scope lookup on every call (3.7 % of the CPU of GET /healthz in issue 15).
 * Jersey's Grizzly container hands every {@link ContainerRequest} a properties delegate that
 * holds the Grizzly {@link Request} (wrapped in Jersey's tracing delegate); both fields are read
 * through {@link VarHandle}s resolved once.
 * If the container is not Grizzly (or Jersey changes the class), the answer is "" and
 * {@link #available()} says so; {@code AccessLogTest} (remote is 127.0.0.1) fails on such a Jersey upgrade.
 */
public final class GrizzlyPeer {

  private static final Class<?> DELEGATE;
  private static final VarHandle REQUEST;
  private static final VarHandle WRAPPED;

  static {
    Class<?> delegate;
    VarHandle request;
    VarHandle wrapped;
    try {
      delegate = Class.forName("org.glassfish.jersey.grizzly2.httpserver.GrizzlyRequestPropertiesDelegate");
      request = MethodHandles.privateLookupIn(delegate, MethodHandles.lookup())
          .findVarHandle(delegate, "request", Request.class);
      wrapped = MethodHandles.privateLookupIn(TracingAwarePropertiesDelegate.class, MethodHandles.lookup())
          .findVarHandle(TracingAwarePropertiesDelegate.class, "propertiesDelegate", PropertiesDelegate.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      delegate = null;
      request = null;
      wrapped = null;
    }
    DELEGATE = delegate;
    REQUEST = request;
    WRAPPED = wrapped;
  }

  private GrizzlyPeer() {
  }

  /** Whether the Grizzly request can be reached at all (false only after an incompatible upgrade). */
  public static boolean available() {
    return REQUEST != null;
  }

  /** The Grizzly request behind a Jersey request, or null (another container, or a test double). */
  public static Request of(ContainerRequestContext context) {
    if (REQUEST == null || !(context instanceof ContainerRequest request)) return null;
    PropertiesDelegate delegate = request.getPropertiesDelegate();
    if (delegate instanceof TracingAwarePropertiesDelegate tracing) {
      delegate = (PropertiesDelegate) WRAPPED.get(tracing);
    }
    return delegate != null && delegate.getClass() == DELEGATE ? (Request) REQUEST.get(delegate) : null;
  }

  /** The Grizzly response of a Jersey request, or null (another container, or a test double). */
  public static org.glassfish.grizzly.http.server.Response response(ContainerRequestContext context) {
    Request request = of(context);
    return request == null ? null : request.getResponse();
  }

  /**
   * Sets a response header that no resource sets itself (the security headers, the request id, the
   * rate-limit headers) on the Grizzly response directly. Jersey copies every header of its own
   * map to Grizzly through a case-insensitive map and a stream per header; for the fixed headers
   * of every response that was ~1 us of the CPU of GET /healthz (issue 15, async-profiler). Falls
   * back to Jersey's map when the container is not Grizzly.
   */
  public static void setHeader(ContainerRequestContext request, jakarta.ws.rs.container.ContainerResponseContext response,
      String name, String value) {
    org.glassfish.grizzly.http.server.Response grizzly = response(request);
    if (grizzly != null) {
      grizzly.setHeader(name, value);
    } else {
      response.getHeaders().putSingle(name, value);
    }
  }

  /**
   * The peer's IP as the socket reports it, or "" when unknown. Remembered on the connection:
   * Grizzly formats the socket address into a new string for every request (2.5 % of the CPU
   * samples of GET /healthz under wrk's keep-alive load, JFR), and a connection's peer never changes.
   */
  public static String remoteAddress(ContainerRequestContext context) {
    Request request = of(context);
    return request == null ? "" : remoteAddress(request);
  }

  /** {@link #remoteAddress(ContainerRequestContext)} of a Grizzly request already at hand. */
  public static String remoteAddress(Request request) {
    org.glassfish.grizzly.Connection<?> connection = request.getContext() == null ? null
        : request.getContext().getConnection();
    if (connection != null) {
      String known = PEER.get(connection);
      if (known != null) return known;
    }
    String address = request.getRemoteAddr();
    String peer = address == null ? "" : address;
    if (connection != null) PEER.set(connection, peer);
    return peer;
  }

  private static final org.glassfish.grizzly.attributes.Attribute<String> PEER =
      org.glassfish.grizzly.Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(GrizzlyPeer.class.getName() + ".peer");
}
