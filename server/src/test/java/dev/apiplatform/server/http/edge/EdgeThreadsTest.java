package dev.apiplatform.server.http.edge;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.grizzly.threadpool.DefaultWorkerThread;
import org.glassfish.grizzly.threadpool.Threads;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which threads the edge serves requests on (issue 15, per-request allocations): a request is
 * parsed and served on one of Grizzly's own worker threads, never on a selector thread, and that
 * thread is a {@link DefaultWorkerThread}, whose memory pool Grizzly's buffers are sliced from
 * (any other thread gets a new array per buffer).
 */
class EdgeThreadsTest {

  private static HttpServer server;
  private static int port;

  @Path("/thread")
  public static class ThreadResource {
    static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    @GET
    @Produces("text/plain")
    public String thread() {
      Thread t = Thread.currentThread();
      String kind = (t instanceof DefaultWorkerThread ? "grizzly-worker" : "other")
          + (Threads.isService() ? "+selector" : "");
      SEEN.add(kind);
      return kind;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    ResourceConfig app = new ResourceConfig().register(new ThreadResource());
    server = EdgeServer.create(URI.create("http://127.0.0.1:0/"), app, EdgeSettings.defaults(1024));
    server.start();
    port = server.getListeners().iterator().next().getPort();
  }

  @AfterAll
  static void stop() {
    server.shutdownNow();
  }

  @Test
  void theListenerParsesOnItsWorkerThreads() {
    assertThat(server.getListeners().iterator().next().getTransport().getIOStrategy())
        .isSameAs(WorkerThreadIOStrategy.getInstance());
  }

  @Test
  void requestsAreServedOnGrizzlysOwnWorkerThreads() throws Exception {
    try (RawHttp http = new RawHttp(port)) {
      for (int i = 0; i < 20; i++) { // one keep-alive connection: every request after the first too
        RawHttp.Response r = http.send("GET /thread HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("grizzly-worker");
      }
    }
    assertThat(ThreadResource.SEEN).containsExactly("grizzly-worker");
  }
}
