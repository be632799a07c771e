package dev.apiplatform.embedded;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.http.scaladsl.Http;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.DB$;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import org.slf4j.Logger;
import scala.concurrent.Await;
import scala.concurrent.duration.FiniteDuration;
import org.slf4j.LoggerFactory;

/**
 * An SQS-compatible server (ElasticMQ) inside this JVM on {@code 127.0.0.1}, on a free port, with
 * queues and messages in an H2 database under {@code <dataDir>/sqs}. The AWS SDK's SQS client talks
 * to it exactly as to SQS (query/JSON protocol, SigV4 not checked).
 *
 * <p>What survives a restart, and how (ElasticMQ's {@code SqlQueuePersistenceActor}):
 * <ul>
 *   <li>Messages: every send, receive (receive count, visibility) and delete is written to H2
 *       before ElasticMQ answers the request, so a message whose SendMessage returned is on disk.
 *       H2 is opened with {@code WRITE_DELAY=0}: its default (500 ms) would let a kill -9 lose the
 *       last half second of answered sends.</li>
 *   <li>Queue metadata (attributes, redrive policy): written after the CreateQueue answer, not
 *       before. The platform re-declares its queues idempotently at every start, so a lost
 *       metadata write heals itself.</li>
 * </ul>
 * On start the stored queues and messages are restored before the port opens.
 *
 * <p>ElasticMQ keeps its JDBC pool in a JVM-wide singleton ({@code scalikejdbc.ConnectionPool},
 * initialised once by {@code org.elasticmq.persistence.sql.DB}); this class re-points it at each
 * start, so only one instance may run per JVM at a time (enforced).
 */
public final class EmbeddedSqs implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedSqs.class);
  private static final String HOST = FreePorts.HOST;
  /** The region and account ElasticMQ writes into queue ARNs; any SDK region works against it. */
  public static final String REGION = "us-east-1";
  public static final String ACCOUNT_ID = "000000000000";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Object RUNNING_LOCK = new Object();
  private static EmbeddedSqs running;

  private final Path dataDir;
  private final URI endpoint;
  private final ActorSystem actors;
  private final SQSRestServer server;
  private boolean stopped;

  private EmbeddedSqs(Path dataDir, URI endpoint, ActorSystem actors, SQSRestServer server) {
    this.dataDir = dataDir;
    this.endpoint = endpoint;
    this.actors = actors;
    this.server = server;
  }

  /**
   * Starts the server with its data under {@code dataDir/sqs} (created if missing).
   *
   * @throws IllegalStateException if another instance runs in this JVM or the server cannot start
   */
  public static EmbeddedSqs start(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir");
    Path root = dataDir.toAbsolutePath().normalize();
    Path dir = root.resolve("sqs");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + dir, e);
    }
    synchronized (RUNNING_LOCK) {
      if (running != null) {
        throw new IllegalStateException("An EmbeddedSqs already runs in this JVM (" + running.dataDir + ")");
      }
      long t0 = System.nanoTime();
      resetConnectionPool();
      ActorSystem actors = ActorSystem.create("embedded-sqs", actorConfig(),
          new PekkoManifestsOnly(EmbeddedSqs.class.getClassLoader()));
      try {
        ActorRef manager = restore(actors, dir);
        running = FreePorts.start("ElasticMQ", port -> {
          SQSRestServer server = SQSRestServerBuilder
              .withActorSystem(actors)
              .withQueueManagerActor(manager)
              .withInterface(HOST)
              .withPort(port)
              .withAWSRegion(REGION)
              .withAWSAccountId(ACCOUNT_ID)
              .start();
          server.waitUntilStarted();
          URI endpoint = URI.create("http://" + HOST + ":" + port);
          log.info("Embedded SQS (ElasticMQ) on {} (data {})", endpoint, dir);
          log.debug("Embedded SQS started in {} ms", (System.nanoTime() - t0) / 1_000_000);
          return new EmbeddedSqs(root, endpoint, actors, server);
        });
        return running;
      } catch (RuntimeException | Error e) {
        terminate(actors);
        closeConnectionPool();
        throw e;
      }
    }
  }

  /**
   * Creates the queue manager with H2 persistence and restores stored queues and messages into it
   * (as ElasticMQ's own server does), before any request can arrive.
   */
  private static ActorRef restore(ActorSystem actors, Path dir) {
    // FILE_LOCK=FS: H2's default file lock may refuse a database whose owner was killed until a
    // timeout passes; the OS lock is released with the dead process.
    String uri = "jdbc:h2:file:" + dir.resolve("elasticmq") + ";WRITE_DELAY=0;FILE_LOCK=FS";
    var persistence = new SqlQueuePersistenceConfig(true, "org.h2.Driver", uri, "", "", false);
    ActorRef store = actors.actorOf(Props.create(SqlQueuePersistenceActor.class,
        () -> new SqlQueuePersistenceActor(persistence, scala.collection.immutable.List$.MODULE$.empty())));
    ActorRef manager = actors.actorOf(Props.create(QueueManagerActor.class,
        () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, scala.Option.apply(store))));
    Object result;
    try {
      result = Patterns.ask(store, new QueueEvent.Restore(manager), START_TIMEOUT)
          .toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("ElasticMQ could not restore its queues from " + dir, e);
    }
    if (result instanceof scala.util.Left<?, ?> errors) {
      throw new IllegalStateException("ElasticMQ could not restore its queues from " + dir + ": " + errors.value());
    }
    return manager;
  }

  /**
   * Pekko logs through SLF4J like everything else; no banner or stdout logger. Its dispatchers
   * get one thread per core, at least 2 (issue 15): Pekko's defaults start at 8 (default dispatcher: the
   * queues' actors and the HTTP server) and 4 (internal) whatever the machine, 12 threads on the
   * 2-core machine the platform is sized for, each a stack every young collection walks. Their
   * work is CPU work (actor messages, H2 writes to a local file), which more threads than cores
   * do no faster (bench/README.md "sdkexec": bench/queue.sh at 8+4 and at 2+2). System properties ({@code -Dpekko....}) still override these.
   */
  private static Config actorConfig() {
    return ConfigFactory.defaultOverrides().withFallback(ConfigFactory.parseString("""
        pekko.loggers = ["org.apache.pekko.event.slf4j.Slf4jLogger"]
        pekko.logging-filter = "org.apache.pekko.event.slf4j.Slf4jLoggingFilter"
        pekko.loglevel = "INFO"
        pekko.stdout-loglevel = "OFF"
        pekko.log-dead-letters = off
        pekko.log-dead-letters-during-shutdown = off
        pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
        pekko.actor.default-dispatcher.fork-join-executor.parallelism-min = 2
        pekko.actor.internal-dispatcher.fork-join-executor.parallelism-min = 2
        """)).withFallback(ConfigFactory.load());
  }

  /**
   * The actor system's class loader: the application's, except that {@code
   * getResources("META-INF/MANIFEST.MF")} lists only the manifests of Pekko's own jars. Pekko's
   * {@code ActorSystem} start always builds its {@code ManifestInfo} extension, which opens and
   * parses every manifest that call lists (~200 jars on the platform's class path) only to check
   * that the Pekko modules among them have one version (a warning, or a failure with {@code
   * fail-mixed-versions}); it looks at no other jar's entry. That read was ~0.2 s of CPU on the
   * thread the platform's start waits for, plus the JIT's work on the manifest parser
   * (bench/README.md, "startcpu"). Classes and every other resource come from the parent as before.
   */
  static final class PekkoManifestsOnly extends ClassLoader {

    static final String MANIFEST = "META-INF/MANIFEST.MF";

    static {
      registerAsParallelCapable();
    }

    PekkoManifestsOnly(ClassLoader parent) {
      super("embedded-sqs-pekko", parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      Enumeration<URL> all = super.getResources(name);
      if (!MANIFEST.equals(name)) return all;
      List<URL> pekko = new ArrayList<>();
      while (all.hasMoreElements()) {
        URL url = all.nextElement();
        if (isPekkoJar(url)) pekko.add(url);
      }
      return Collections.enumeration(pekko);
    }

    /** {@code jar:file:/.../lib/pekko-actor_2.13-1.5.0.jar!/META-INF/MANIFEST.MF}: the jar's file name. */
    static boolean isPekkoJar(URL url) {
      String s = url.toString();
      int bang = s.lastIndexOf("!/");
      String jar = bang < 0 ? s : s.substring(0, bang);
      return jar.substring(jar.lastIndexOf('/') + 1).startsWith("pekko-");
    }
  }

  /** {@code http://127.0.0.1:<port>}; point the SDK's SQS client here (any credentials). */
  public URI endpoint() {
    return endpoint;
  }

  /** Region to give the SDK client; it matches the ARNs ElasticMQ reports. */
  public String region() {
    return REGION;
  }

  /** Data directory given to {@link #start(Path)} (absolute); the H2 files are in {@code sqs/}. */
  public Path dataDir() {
    return dataDir;
  }

  /** Stops the server, then closes the H2 database; idempotent, never throws. */
  @Override
  public void close() {
    synchronized (RUNNING_LOCK) {
      if (stopped) return;
      stopped = true;
      try {
        // ElasticMQ's own stop gives requests under way a minute, so a long poll (up to 20 s, one a
        // stopped worker abandoned included) held every close for its remaining wait; a second's
        // deadline ends such a poll (its client gets a 503 or a closed connection, nothing is lost)
        Http.ServerBinding binding = server.waitUntilStarted();
        Await.result(binding.terminate(FiniteDuration.apply(1, TimeUnit.SECONDS)),
            FiniteDuration.apply(10, TimeUnit.SECONDS));
      } catch (Throwable t) {
        log.warn("Error while stopping ElasticMQ", t);
      }
      terminate(actors);
      closeConnectionPool();
      if (running == this) running = null;
      log.info("Embedded SQS (ElasticMQ) on {} stopped", endpoint);
    }
  }

  @Override
  public String toString() {
    return "EmbeddedSqs[endpoint=" + endpoint + ", dataDir=" + dataDir + "]";
  }

  private static void terminate(ActorSystem actors) {
    try {
      actors.terminate();
      actors.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Throwable t) {
      log.warn("Error while stopping ElasticMQ's actor system", t);
    }
  }

  /**
   * ElasticMQ's {@code DB} initialises the JDBC pool once per JVM and ignores later URIs; clearing
   * its flag makes the next start open this instance's database.
   */
  private static void resetConnectionPool() {
    try {
      Field initialized = DB$.class.getDeclaredField("initialized");
      initialized.setAccessible(true);
      initialized.setBoolean(DB$.MODULE$, false);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("This ElasticMQ version keeps its database differently; "
          + "EmbeddedSqs needs adapting", e);
    }
  }

  private static void closeConnectionPool() {
    try {
      scalikejdbc.ConnectionPool$.MODULE$.closeAll();
    } catch (Throwable t) {
      log.warn("Error while closing ElasticMQ's database", t);
    }
  }
}
