import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The second baseline: plain Jersey (the platform's version, 3.1.11) on the same Grizzly, one
 * resource answering GET /healthz with the fixed string {"status":"ok"} as application/json.
 * No filters, no Jackson, no logging: what Jersey's dispatch alone costs over bare Grizzly.
 *
 * <pre>java -cp 'build/bench-lib/*' bench/PlainJersey.java PORT [HOST]</pre>
 */
public class PlainJersey {

  @Path("/healthz")
  public static class Healthz {
    @GET
    @Produces("application/json")
    public String get() {
      return "{\"status\":\"ok\"}";
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: java -cp <jersey classpath> bench/PlainJersey.java PORT [HOST]");
      System.exit(2);
    }
    String host = args.length > 1 ? args[1] : "127.0.0.1";
    ResourceConfig app = new ResourceConfig(Healthz.class).property(ServerProperties.WADL_FEATURE_DISABLE, true);
    HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://" + host + ":" + args[0] + "/"), app);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdownNow();
      stopped.countDown();
    }, "plain-jersey-shutdown"));
    System.out.println("PlainJersey listening on http://" + host + ":" + args[0]);
    System.out.flush();
    stopped.await();
  }
}
