package dev.apiplatform.server.security;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** Operations of AuthenticationFilterTest's contract; each reports what the filter left it. */
@Path("/sec")
@Produces("application/json")
public class SecuredTestResource {

  @Context private SecurityContext security;
  @Context private ContainerRequestContext request;

  private Map<String, Object> seen() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("principal", security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName());
    out.put("scheme", security.getAuthenticationScheme());
    out.put("admin", security.isUserInRole("admin"));
    out.put("auditor", security.isUserInRole("auditor"));
    Object property = request.getProperty(AuthenticatedUser.PROPERTY);
    out.put("property", property instanceof AuthenticatedUser u ? u.sessionId() : null);
    return out;
  }

  @GET
  @Path("/me")
  public Map<String, Object> me() {
    Map<String, Object> out = seen();
    out.put("current", CurrentUser.require(security).userId());
    return out;
  }

  @GET
  @Path("/items/{itemId}")
  public Map<String, Object> item(@PathParam("itemId") String itemId) {
    return seen();
  }

  @GET
  @Path("/open")
  public Map<String, Object> open() {
    return seen();
  }

  @GET
  @Path("/unlisted")
  public Map<String, Object> unlisted() {
    return seen();
  }

  /** Public in the contract by mistake, but the resource insists on a caller. */
  @GET
  @Path("/forgot")
  public Map<String, Object> forgot() {
    return Map.of("current", CurrentUser.require(security).userId());
  }
}
