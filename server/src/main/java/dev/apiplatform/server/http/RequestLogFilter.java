package dev.apiplatform.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apiplatform.server.platform.Priorities;
import jakarta.annotation.Priority;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.glassfish.grizzly.http.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request an id (the caller's X-Request-ID when well formed, else a new UUID),
 * returns it on the response, and writes one JSON access-log line per request. Only the path
 * is logged, never the query string or headers, which can carry tokens.
 */
@PreMatching
@Priority(Priorities.REQUEST_LOG)
public final class RequestLogFilter implements ContainerRequestFilter, ContainerResponseFilter {

  public static final String HEADER = "X-Request-ID";
  static final String ID_PROPERTY = "platform.requestId";
  private static final String START_PROPERTY = "platform.startNanos";
  private static final Pattern VALID_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");
  private static final Logger ACCESS = LoggerFactory.getLogger("access");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Context private Provider<Request> grizzlyRequest;

  /** This request's id (the answered {@code X-Request-ID}), for bodies that repeat it (seed 003's metadata). */
  public static String requestId(ContainerRequestContext request) {
    Object id = request.getProperty(ID_PROPERTY);
    return id == null ? "" : id.toString();
  }

  /** Milliseconds since this filter first saw the request. */
  public static double elapsedMillis(ContainerRequestContext request) {
    Object start = request.getProperty(START_PROPERTY);
    return start instanceof Long s ? (System.nanoTime() - s) / 1_000_000.0 : 0;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String given = request.getHeaderString(HEADER);
    String id = given != null && VALID_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    request.setProperty(ID_PROPERTY, id);
    request.setProperty(START_PROPERTY, System.nanoTime());
    MDC.put("request_id", id);
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object id = request.getProperty(ID_PROPERTY);
    if (id == null) { // a request that failed before the pre-matching filter ran
      id = UUID.randomUUID().toString();
    }
    response.getHeaders().putSingle(HEADER, id);
    Object start = request.getProperty(START_PROPERTY);
    double millis = start instanceof Long s ? (System.nanoTime() - s) / 1_000_000.0 : -1;
    if (ACCESS.isInfoEnabled()) {
      ObjectNode line = JSON.createObjectNode()
          .put("ts", Instant.now().toString())
          .put("request_id", id.toString())
          .put("method", request.getMethod())
          .put("path", "/" + request.getUriInfo().getPath(false).replaceFirst("^/", ""))
          .put("status", response.getStatus())
          .put("duration_ms", Math.round(millis * 100) / 100.0)
          .put("remote", remoteAddress());
      String agent = request.getHeaderString("User-Agent");
      if (agent != null) line.put("user_agent", agent.length() > 200 ? agent.substring(0, 200) : agent);
      ACCESS.info(line.toString());
    }
    MDC.remove("request_id");
  }

  private String remoteAddress() {
    try {
      Request r = grizzlyRequest == null ? null : grizzlyRequest.get();
      return r == null ? "" : r.getRemoteAddr();
    } catch (RuntimeException e) {
      return "";
    }
  }
}
