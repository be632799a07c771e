package dev.apiplatform.server.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Swagger UI at /docs, from the webjar on the classpath (no CDN), reading /openapi.yaml. Not
 * part of the contract: it is a page for people, not an API operation.
 */
@Path("/docs")
public final class DocsResource {

  private static final Pattern FILE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$");
  private static final Map<String, String> TYPES = Map.of(
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "html", "text/html; charset=utf-8",
      "png", "image/png",
      "map", "application/json");
  private static final String INDEX = """
      <!doctype html>
      <html lang="en">
      <head>
        <meta charset="utf-8">
        <title>%1$s</title>
        <link rel="stylesheet" href="%2$sswagger-ui.css">
        <link rel="icon" type="image/png" href="%2$sfavicon-32x32.png">
      </head>
      <body>
        <div id="swagger-ui"></div>
        <script src="%2$sswagger-ui-bundle.js"></script>
        <script src="%2$sinit.js"></script>
      </body>
      </html>
      """;
  // a file, not an inline script, so the docs CSP can stay script-src 'self'
  private static final String INIT = """
      window.ui = SwaggerUIBundle({
        // next to this page (same origin, any port, any proxy prefix before /docs)
        url: window.location.pathname.replace(new RegExp('/docs/?$'), '') + '/openapi.yaml',
        dom_id: '#swagger-ui',
        deepLinking: true,
        // the bearer token entered under "Authorize" survives a reload (kept in localStorage)
        persistAuthorization: true
      });
      """;

  private final String webjarRoot;
  private final String title;

  public DocsResource(String swaggerUiVersion, String title) {
    this.webjarRoot = "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion + "/";
    this.title = title.replaceAll("[<>&\"']", "");
  }

  /**
   * The page links its assets relative to its own URL, never from the root: behind a proxy that
   * mounts the platform under {@code /prefix/}, {@code /prefix/docs} loads
   * {@code /prefix/docs/swagger-ui.css}. {@code docs/x} from {@code /docs}, {@code x} from {@code /docs/}.
   */
  @GET
  public Response index(@Context UriInfo uri) {
    String assets = uri.getRequestUri().getRawPath().endsWith("/") ? "" : "docs/";
    return Response.ok(INDEX.formatted(title, assets), TYPES.get("html")).build();
  }

  @GET
  @Path("/{file}")
  public Response asset(@PathParam("file") String file) {
    if (file.equals("init.js")) {
      return Response.ok(INIT, TYPES.get("js")).build();
    }
    if (!FILE.matcher(file).matches() || file.contains("..")) {
      throw new NotFoundException();
    }
    String extension = file.substring(file.lastIndexOf('.') + 1);
    String type = TYPES.get(extension);
    if (type == null) throw new NotFoundException();
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(webjarRoot + file)) {
      if (in == null) throw new NotFoundException();
      return Response.ok(in.readAllBytes(), type).header("Cache-Control", "public, max-age=86400").build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
