package dev.apiplatform.server.http.edge;

import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * The one way the platform creates its HTTP server: Jersey on Grizzly, with the edge in front
 * (strict request heads, problem documents for everything Grizzly answers itself, bodies
 * collected without threads, slow bodies timed out). Returned unstarted.
 */
public final class EdgeServer {

  private EdgeServer() {}

  public static HttpServer create(URI uri, ResourceConfig app, EdgeSettings settings) {
    HttpServer server = GrizzlyHttpServerFactory.createHttpServer(uri, app, false);
    // A GET or DELETE with a body reaches Jersey (which answers 405 or ignores the body) instead
    // of Grizzly's own empty 400, so every answer is a problem document.
    server.getServerConfiguration().setAllowPayloadForUndefinedHttpMethods(true);
    server.getServerConfiguration().setDefaultErrorPageGenerator(new ProblemErrorPage(settings.securityHeaders()));
    BodyAggregator aggregator = new BodyAggregator(settings, server::isStarted);
    for (NetworkListener listener : server.getListeners()) {
      // Parse and serve a request on one worker thread. Grizzly's listener default
      // (SameThreadIOStrategy) parses on the selector thread and hands the request to a worker,
      // so the request's objects (Request, Response, Parameters, buffers) are created on one
      // thread and recycled on another, and Grizzly's per-thread cache never gives one back.
      // Bodies are still collected without holding a thread (BodyAggregator returns at once).
      listener.getTransport().setIOStrategy(WorkerThreadIOStrategy.getInstance());
      // Grizzly's own worker threads (DefaultWorkerThread) instead of the plain threads of
      // Jersey's factory: Grizzly's memory manager slices the read and write buffers of a
      // DefaultWorkerThread out of that thread's pool and allocates a new array for any other
      // thread, i.e. for every response (and, with the strategy above, every read).
      ThreadPoolConfig workers = listener.getTransport().getWorkerThreadPoolConfig();
      if (workers != null) workers.setThreadFactory(null);
      listener.setMaxHttpHeaderSize(settings.maxHeaderBytes());
      // Grizzly's default is 30 s, under the 60 s an AWS ALB keeps an idle connection to its target
      listener.getKeepAlive().setIdleTimeoutInSeconds((int) settings.keepAliveIdle().toSeconds());
      listener.registerAddOn(new EdgeAddOn(settings, aggregator));
    }
    return server;
  }
}
