package dev.apiplatform.server.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AfterStartTest {

  private static final Duration LONG = Duration.ofMinutes(5);

  private HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void server() {
    server = new HttpServer();
    server.addListener(new NetworkListener("test", "127.0.0.1", 0));
    server.getServerConfiguration().addHttpHandler(new HttpHandler() {
      @Override
      public void service(Request request, Response response) throws Exception {
        response.setContentType("text/plain");
        response.getWriter().write("ok");
      }
    });
  }

  @AfterEach
  void stop() {
    server.shutdownNow();
  }

  private int get() throws Exception {
    int port = server.getListeners().iterator().next().getPort();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  @Test
  void theActionsRunOnceInOrderAfterTheFirstAnswerEvenWhenTheSettleTimeIsFarAway() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    try (AfterStart afterStart = new AfterStart(server, List.of(
        () -> ran.add("workers:" + Thread.currentThread().getName()),
        () -> {
          ran.add("gazetteer");
          done.countDown();
        }), LONG)) {
      server.start();
      afterStart.begin();
      assertFalse(afterStart.fired(), "nothing before the first answer");
      assertEquals(200, get());
      assertTrue(done.await(10, TimeUnit.SECONDS), "the first answer starts the work");
      assertEquals(200, get());
      assertEquals(200, get());
      Thread.sleep(200);
      assertEquals(List.of("workers:after-start", "gazetteer"), ran, "once, in order, on its own thread");
    }
  }

  @Test
  void withoutRequestsTheActionsRunOnceTheSettleTimeHasPassed() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    long began;
    try (AfterStart afterStart = new AfterStart(server, List.of(done::countDown), Duration.ofMillis(300))) {
      server.start();
      began = System.nanoTime();
      afterStart.begin();
      assertTrue(done.await(10, TimeUnit.SECONDS));
    }
    assertTrue(System.nanoTime() - began >= TimeUnit.MILLISECONDS.toNanos(300), "not before the settle time");
  }

  @Test
  void nothingRunsAfterClose() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    AfterStart afterStart = new AfterStart(server, List.of(runs::incrementAndGet), Duration.ofMillis(100));
    server.start();
    afterStart.begin();
    afterStart.close();
    assertEquals(200, get());
    Thread.sleep(400);
    assertEquals(0, runs.get(), "neither the answer nor the settle time starts work after close");
    assertFalse(afterStart.fired());
  }

  @Test
  void aFailingActionDoesNotStopTheNextOne() throws Exception {
    CountDownLatch next = new CountDownLatch(1);
    try (AfterStart afterStart = new AfterStart(server, List.of(
        () -> {
          throw new IllegalStateException("boom");
        }, next::countDown), LONG)) {
      server.start();
      afterStart.begin();
      assertEquals(200, get());
      assertTrue(next.await(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void onceFiredTheProbeIsRemovedFromTheServerAndItsListeners() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    try (AfterStart afterStart = new AfterStart(server, List.of(done::countDown), LONG)) {
      assertEquals(1, server.getServerConfiguration().getMonitoringConfig().getWebServerConfig().getProbes().length);
      server.start();
      assertEquals(1, listenerProbes(), "each listener copied the probe at start");
      afterStart.begin();
      assertEquals(200, get());
      assertTrue(done.await(10, TimeUnit.SECONDS));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (listenerProbes() > 0 && System.nanoTime() < deadline) Thread.sleep(10);
      assertEquals(0, listenerProbes(), "requests stop paying for the probe");
      assertEquals(0, server.getServerConfiguration().getMonitoringConfig().getWebServerConfig().getProbes().length);
    }
  }

  private int listenerProbes() {
    return server.getListeners().iterator().next().getHttpServerFilter().getMonitoringConfig().getProbes().length;
  }
}
