package dev.apiplatform.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ExtendedResourceContext;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.model.ResourceModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RouteGrouping} changes how many regexes Jersey tries, never where a request goes: the
 * same application is built with and without it (in memory, no server) and every contract
 * operation, every method on every contract path and on paths around them, must give the same
 * status, Allow, matched Java method, matched template and path parameters in both.
 */
class RouteGroupingTest {

  private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  private static final String API_PACKAGE = "dev.apiplatform.server.api";

  private static Contract contract;
  private static Map<String, Method> handlerByOperation;
  private static ApplicationHandler before;
  private static ApplicationHandler after;

  @BeforeAll
  static void build() throws Exception {
    contract = Contract.load();
    List<Object> resources = new ArrayList<>();
    handlerByOperation = new HashMap<>();
    for (Class<?> api : generatedInterfaces()) {
      resources.add(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, (proxy, method, args) ->
          switch (method.getName()) { // Jersey keeps resources in sets
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> api.getSimpleName() + " (routing test)";
            default -> throw new AssertionError("the recorder answers before any resource method runs: " + method);
          }));
      Path root = api.getAnnotation(Path.class);
      for (Method method : api.getMethods()) {
        String http = httpMethod(method);
        Path sub = method.getAnnotation(Path.class);
        if (http == null) continue;
        handlerByOperation.put(Contract.key(http, OperationResolver.join(List.of(root.value(), sub == null ? "" : sub.value()))), method);
      }
    }
    ContractCoverage.check(contract, resources); // the proxies serve exactly the whole contract
    resources.add(new DocsResource("5", "routing test")); // the docs routes beside them, as in the platform
    before = handler(resources, contract, false);
    after = handler(resources, contract, true);
  }

  @Test
  void theEmptyRoot_keepsOnlyGetSlash_andEachFirstSegmentIsOneRoot() {
    Resource original = emptyRoot(modelOf(before));
    Resource grouped = emptyRoot(modelOf(after));
    assertThat(original.getChildResources()).hasSizeGreaterThan(20);
    assertThat(grouped.getChildResources()).isEmpty(); // GET / stays: its own method, matched only by "/"
    assertThat(grouped.getResourceMethods()).extracting(ResourceMethod::getHttpMethod).contains("GET");
    Set<String> roots = new TreeSet<>();
    modelOf(after).getRootResources().forEach(r -> roots.add(r.getPath()));
    assertThat(roots).contains("/healthz", "/events", "/auth", "/.well-known", "/api", "/items", "/docs");
    assertThat(modelOf(after).getRootResources().stream().filter(r -> r.getPath().equals("/healthz")).findFirst().orElseThrow()
        .getChildResources()).isEmpty();
  }

  @Test
  void everyContractOperation_reachesItsOwnMethod_asBefore() {
    for (Contract.Operation op : contract.operations()) {
      String path = op.path().replaceAll("\\{([^}]+)}", "v-$1");
      Answer old = send(before, op.method(), path);
      Answer now = send(after, op.method(), path);
      assertThat(now).as("%s %s", op.method(), op.path()).isEqualTo(old);
      Method expected = handlerByOperation.get(Contract.key(op.method(), op.path()));
      assertThat(now.status()).as("%s %s", op.method(), op.path()).isEqualTo(299);
      assertThat(now.matched()).as("%s %s", op.method(), op.path()).isEqualTo(name(expected));
      assertThat(now.template()).as("%s %s", op.method(), op.path()).isEqualTo(op.path());
      if (op.path().contains("{")) assertThat(now.params()).contains("v-");
    }
  }

  @Test
  void everyMethod_onEveryPathAroundTheContract_answersAsBefore() {
    Set<String> probes = new LinkedHashSet<>(List.of("/", "", "/nope", "/healthzz", "/health/z", "/api", "/api/v1",
        "/api/v1/nope", "/.well-known", "/auth", "/events/", "/events//search", "/EVENTS", "/docs", "/docs/x.css",
        "/healthz;a=b", "/items/", "/users", "/user"));
    for (Contract.Operation op : contract.operations()) {
      String path = op.path().replaceAll("\\{([^}]+)}", "v-$1");
      probes.add(path);
      probes.add(path + "/");
      probes.add(path + "/extra");
      probes.add(path + "x");
      String[] segments = path.substring(1).split("/");
      for (int i = 1; i < segments.length; i++) {
        probes.add("/" + String.join("/", Arrays.copyOfRange(segments, 0, i)));
      }
    }
    int differing = 0;
    List<String> differences = new ArrayList<>();
    Set<Integer> statuses = new TreeSet<>();
    for (String path : probes) {
      for (String method : METHODS) {
        Answer old = send(before, method, path);
        Answer now = send(after, method, path);
        statuses.add(now.status());
        if (!now.equals(old)) {
          differing++;
          differences.add(method + " " + path + ": before " + old + ", after " + now);
        }
      }
    }
    assertThat(differences).as("%d of %d probes differ", differing, probes.size() * METHODS.size()).isEmpty();
    assertThat(statuses).contains(200, 299, 404, 405); // the probes reach answers, OPTIONS, 404 and 405 alike
  }

  /** A synthetic app with what the grouping must leave alone: a regex template, a shadowed group, a locator. */
  @Test
  void whatIsNotRegrouped_routesAsBefore() {
    List<Object> resources = List.of(new Plain(), new Odd(), new Shadow(), new Locating());
    Contract none = Contract.fromYaml("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n");
    ApplicationHandler plain = handler(resources, none, false);
    ApplicationHandler grouped = handler(resources, none, true);
    ResourceModel model = modelOf(grouped);
    Set<String> roots = new TreeSet<>();
    model.getRootResources().forEach(r -> roots.add(r.getPath()));
    assertThat(roots).contains("/a", "/shadow", "");
    Resource empty = emptyRoot(model);
    Set<String> kept = new TreeSet<>();
    empty.getChildResources().forEach(c -> kept.add(c.getPath()));
    assertThat(kept).containsExactlyInAnyOrder("/re/{id: [0-9]+}", "/re", "/shadow/hidden", "/loc");
    for (String path : List.of("/a", "/a/", "/a/b", "/a/b/c", "/a/x", "/re", "/re/12", "/re/ab", "/shadow", "/shadow/hidden",
        "/shadow/x", "/loc", "/loc/any/thing", "/b", "/")) {
      for (String method : METHODS) {
        assertThat(send(grouped, method, path)).as("%s %s", method, path).isEqualTo(send(plain, method, path));
      }
    }
  }

  @Path("")
  public static class Plain {
    @GET @Path("/a") public String a() { return "a"; }
    @POST @Path("/a/b") public String ab() { return "ab"; }
    @GET @Path("/a/{x}") public String ax(@PathParam("x") String x) { return x; }
    @GET @Path("/b") public String b() { return "b"; }
  }

  @Path("")
  public static class Odd {
    @GET @Path("/re/{id: [0-9]+}") public String re(@PathParam("id") String id) { return id; }
    @POST @Path("/re") public String rePost() { return "re"; }
    @GET @Path("/shadow/hidden") public String hidden() { return "unreachable behind the /shadow root"; }
    @Path("/loc") public Plain locator() { return new Plain(); }
  }

  @Path("/shadow")
  public static class Shadow {
    @GET public String shadow() { return "shadow"; }
  }

  @Path("/locating")
  public static class Locating {
    @GET public String get() { return "locating"; }
  }

  /** What the recorder saw: matched Java method, joined template and path parameters (299: matched). */
  record Answer(int status, String allow, String matched, String template, String params) {}

  private static Answer send(ApplicationHandler handler, String method, String path) {
    try {
      ContainerRequest request = new ContainerRequest(URI.create("http://localhost/"), URI.create("http://localhost" + path),
          method, null, new MapPropertiesDelegate(), handler.getConfiguration());
      ContainerResponse response = handler.apply(request).get();
      String allow = response.getHeaderString("Allow");
      Set<String> allowed = allow == null ? Set.of() : new TreeSet<>(Arrays.asList(allow.split("\\s*,\\s*")));
      return new Answer(response.getStatus(), String.join(",", allowed), response.getHeaderString("X-Matched"),
          response.getHeaderString("X-Template"), response.getHeaderString("X-Params"));
    } catch (Exception e) {
      throw new AssertionError(method + " " + path, e);
    }
  }

  private static ApplicationHandler handler(List<Object> resources, Contract contract, boolean grouped) {
    ResourceConfig app = new ResourceConfig();
    app.register(new LiteralPathMethods(contract));
    app.register(new Recorder());
    resources.forEach(app::register);
    app.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    if (grouped) app.register(new RouteGrouping());
    return new ApplicationHandler(app);
  }

  private static Resource emptyRoot(ResourceModel model) {
    return model.getRootResources().stream().filter(r -> r.getPath().isEmpty()).findFirst().orElseThrow();
  }

  /** The final resource model (after Jersey's own OPTIONS processor), as the runtime routes it. */
  private static ResourceModel modelOf(ApplicationHandler handler) {
    return handler.getInjectionManager().getInstance(ExtendedResourceContext.class).getResourceModel();
  }

  /**
   * Post-matching: answers 299 with what was matched, before any resource method runs (OPTIONS
   * goes on to Jersey's own inflector, which sets Allow; the response filter adds the headers).
   */
  private static final class Recorder implements ContainerRequestFilter, ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext context) {
      ContainerRequest request = (ContainerRequest) context;
      ResourceMethod method = request.getUriInfo().getMatchedResourceMethod();
      if (method == null) return;
      Method definition = method.getInvocable().getDefinitionMethod();
      context.setProperty("matched", definition.getDeclaringClass().getName().startsWith("org.glassfish.jersey")
          ? "jersey:" + method.getHttpMethod() : name(definition));
      context.setProperty("template", ContractStatusFilter.template(request.getUriInfo().getMatchedTemplates()));
      context.setProperty("params", new TreeMap<>(request.getUriInfo().getPathParameters()).toString());
      if (!method.getHttpMethod().equals("OPTIONS")) context.abortWith(Response.status(299).build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      for (String name : List.of("matched", "template", "params")) {
        Object value = request.getProperty(name);
        if (value != null) response.getHeaders().putSingle("X-" + Character.toUpperCase(name.charAt(0)) + name.substring(1), value);
      }
    }
  }

  private static String name(Method method) {
    return method.getDeclaringClass().getSimpleName() + "#" + method.getName();
  }

  private static List<Class<?>> generatedInterfaces() throws Exception {
    URL dir = RouteGroupingTest.class.getClassLoader().getResource(API_PACKAGE.replace('.', '/'));
    assertThat(dir).as("the generated interfaces on the class path").isNotNull();
    List<Class<?>> found = new ArrayList<>();
    File[] files = new File(dir.toURI()).listFiles((d, n) -> n.endsWith(".class") && !n.contains("$"));
    for (File file : files) {
      Class<?> type = Class.forName(API_PACKAGE + "." + file.getName().replace(".class", ""));
      if (type.isInterface() && type.isAnnotationPresent(Path.class)) found.add(type);
    }
    assertThat(found).hasSizeGreaterThan(10);
    return found;
  }

  private static String httpMethod(Method method) {
    for (java.lang.annotation.Annotation a : method.getAnnotations()) {
      jakarta.ws.rs.HttpMethod http = a.annotationType().getAnnotation(jakarta.ws.rs.HttpMethod.class);
      if (http != null) return http.value();
    }
    return null;
  }
}
