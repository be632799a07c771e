import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * The ceiling of the platform's HTTP stack: a bare Grizzly {@link HttpServer} (same Grizzly as
 * under Jersey, default listener and worker pool) with one {@link HttpHandler} that answers
 * every method and path with the fixed bytes {"status":"ok"} as application/json.
 * No Jersey, no routing, no JSON, no logging, no filters.
 *
 * <pre>java -cp 'build/bench-lib/*' bench/BareGrizzly.java PORT [HOST]</pre>
 *
 * HOST defaults to 127.0.0.1. Prints "BareGrizzly listening on http://HOST:PORT" once ready;
 * stops on SIGTERM/SIGINT.
 */
public class BareGrizzly {

  private static final byte[] BODY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.US_ASCII);

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: java -cp <grizzly-http-server classpath> bench/BareGrizzly.java PORT [HOST]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    String host = args.length > 1 ? args[1] : "127.0.0.1";

    HttpServer server = new HttpServer();
    server.addListener(new NetworkListener("bare", host, port));
    server.getServerConfiguration().addHttpHandler(new HttpHandler() {
      @Override
      public void service(Request request, Response response) throws Exception {
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(BODY.length);
        response.getOutputStream().write(BODY);
      }
    }, "/");
    server.start();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.shutdownNow();
      stopped.countDown();
    }, "bare-grizzly-shutdown"));
    System.out.println("BareGrizzly listening on http://" + host + ":" + port);
    System.out.flush();
    stopped.await();
  }
}
