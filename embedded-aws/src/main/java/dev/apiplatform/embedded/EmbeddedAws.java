package dev.apiplatform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.gaul.s3proxy.S3Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local and an S3-compatible server (S3Proxy, filesystem blob store) running inside
 * this JVM on {@code 127.0.0.1}, on free ports, with their data under one directory:
 * <ul>
 *   <li>{@code <dataDir>/dynamodb} – DynamoDB Local's SQLite file ({@code -sharedDb}: one
 *       database whatever the credentials/region of the client);</li>
 *   <li>{@code <dataDir>/s3} – one folder per bucket.</li>
 * </ul>
 * Starting again on the same directory keeps tables, items, buckets and objects.
 *
 * <p>For local development and tests only. The credentials are fixed, public and accepted by
 * S3Proxy only (SigV2/SigV4 are checked, so presigned URLs behave as on AWS); DynamoDB Local
 * accepts any credentials.
 */
public final class EmbeddedAws implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedAws.class);

    /**
     * Dev-only credentials; not a secret. Letters and digits only: DynamoDB Local 2.x/3.x answers
     * "The Access Key ID or security token is invalid" to any other character (e.g. '-').
     */
    public static final String ACCESS_KEY_ID = "EMBEDDEDDEVACCESSKEY";
    /** Dev-only credentials; not a secret. */
    public static final String SECRET_ACCESS_KEY = "embeddedDevSecretKeyNotASecret";
    public static final String REGION = "us-east-1";

    private static final String HOST = FreePorts.HOST;

    private final Path dataDir;
    private DynamoDBProxyServer dynamo;
    private S3Proxy s3;
    private final URI dynamoDbEndpoint;
    private final URI s3Endpoint;
    private boolean dynamoRunning;
    private boolean s3Running;

    private EmbeddedAws(Path dataDir, DynamoDBProxyServer dynamo, URI dynamoDbEndpoint,
            S3Proxy s3, URI s3Endpoint) {
        this.dataDir = dataDir;
        this.dynamo = dynamo;
        this.dynamoDbEndpoint = dynamoDbEndpoint;
        this.s3 = s3;
        this.s3Endpoint = s3Endpoint;
        this.dynamoRunning = true;
        this.s3Running = true;
    }

    /**
     * Starts both stores with their data under {@code dataDir} (created if missing).
     *
     * @throws IllegalStateException if a store cannot start (whatever started is stopped again)
     */
    public static EmbeddedAws start(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        Path root = dataDir.toAbsolutePath().normalize();
        Path dynamoDir = root.resolve("dynamodb");
        Path s3Dir = root.resolve("s3");
        try {
            Files.createDirectories(dynamoDir);
            Files.createDirectories(s3Dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directories under " + root, e);
        }

        long t0 = System.nanoTime();
        DynamoDBProxyServer dynamo = null;
        S3Proxy s3 = null;
        try {
            // S3Proxy binds port 0 itself and reports the port; start it on a helper thread while
            // DynamoDB Local (the slower one, ~1 s) starts on this one.
            var s3Start = new CompletableFuture<S3Proxy>();
            Thread s3Thread = new Thread(() -> {
                try {
                    s3Start.complete(EmbeddedS3.start(s3Dir, HOST));
                } catch (Throwable t) {
                    s3Start.completeExceptionally(t);
                }
            }, "embedded-s3-start");
            s3Thread.setDaemon(true);
            s3Thread.start();

            DynamoStart d;
            try {
                d = startDynamo(dynamoDir);
            } catch (RuntimeException | Error e) {
                EmbeddedS3.stopQuietly(s3Start.exceptionally(t -> null).join());
                throw e;
            }
            dynamo = d.server;
            try {
                s3 = s3Start.join();
            } catch (CompletionException e) {
                throw new IllegalStateException("S3Proxy did not start", e.getCause());
            }
            URI s3Endpoint = URI.create("http://" + HOST + ":" + s3.getPort());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            log.info("Embedded DynamoDB Local on {} (data {})", d.endpoint, dynamoDir);
            log.info("Embedded S3 (S3Proxy) on {} (data {})", s3Endpoint, s3Dir);
            log.debug("Embedded AWS stores started in {} ms", ms);
            return new EmbeddedAws(root, dynamo, d.endpoint, s3, s3Endpoint);
        } catch (RuntimeException | Error e) {
            stopQuietly(dynamo);
            EmbeddedS3.stopQuietly(s3);
            throw e;
        }
    }

    private record DynamoStart(DynamoDBProxyServer server, URI endpoint) { }

    private static DynamoStart startDynamo(Path dir) {
        return FreePorts.start("DynamoDB Local", port -> {
            DynamoDBProxyServer server = null;
            try {
                server = ServerRunner.createServerFromCommandLineArgs(new String[] {
                        "-port", Integer.toString(port),
                        "-dbPath", dir.toString(),
                        "-sharedDb",
                        "-disableTelemetry"});
                bindToLoopback(server);
                // not start(): it swallows a BindException (prints to stderr, returns normally)
                // and only adds the telemetry ping that -disableTelemetry turns off anyway
                server.safeStart();
                return new DynamoStart(server, URI.create("http://" + HOST + ":" + port));
            } catch (Exception e) {
                stopQuietly(server);
                log.debug("DynamoDB Local could not start on port {}", port, e);
                throw e;
            }
        });
    }

    /**
     * DynamoDB Local builds {@code new org.eclipse.jetty.server.Server(port)}, which listens on all
     * interfaces and has no option for the host. Restrict its only connector to 127.0.0.1 before
     * start (private field {@code server}; classpath code, so reflection is allowed on Java 17).
     * If that ever fails (another DynamoDB Local version), keep going on all interfaces.
     */
    private static void bindToLoopback(DynamoDBProxyServer proxy) {
        try {
            Field f = DynamoDBProxyServer.class.getDeclaredField("server");
            f.setAccessible(true);
            Server jetty = (Server) f.get(proxy);
            for (Connector c : jetty.getConnectors()) {
                if (c instanceof ServerConnector sc) {
                    sc.setHost(HOST);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Could not restrict DynamoDB Local to {}; it listens on all interfaces", HOST, e);
        }
    }

    /** Data directory given to {@link #start(Path)} (absolute). */
    public Path dataDir() {
        return dataDir;
    }

    /** {@code http://127.0.0.1:<port>} of DynamoDB Local. */
    public URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    /** {@code http://127.0.0.1:<port>} of the S3 server; use path-style addressing. */
    public URI s3Endpoint() {
        return s3Endpoint;
    }

    /** Always {@code us-east-1}. */
    public String region() {
        return REGION;
    }

    /** Fixed dev-only access key id (S3Proxy checks it; DynamoDB Local accepts anything). */
    public String accessKeyId() {
        return ACCESS_KEY_ID;
    }

    /** Fixed dev-only secret key; not a secret. */
    public String secretAccessKey() {
        return SECRET_ACCESS_KEY;
    }

    /** Stops only the S3 server (e.g. to test health reporting); idempotent, never throws. */
    public synchronized void stopS3() {
        if (s3Running) {
            s3Running = false;
            EmbeddedS3.stopQuietly(s3);
            s3 = null;
            log.info("Embedded S3 (S3Proxy) on {} stopped", s3Endpoint);
        }
    }

    /** Stops both stores; idempotent, never throws. */
    @Override
    public synchronized void close() {
        stopS3();
        if (dynamoRunning) {
            dynamoRunning = false;
            stopQuietly(dynamo);
            dynamo = null;
            log.info("Embedded DynamoDB Local on {} stopped", dynamoDbEndpoint);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedAws[dynamodb=" + dynamoDbEndpoint + ", s3=" + s3Endpoint
                + ", dataDir=" + dataDir + "]";
    }

    private static void stopQuietly(DynamoDBProxyServer server) {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Throwable t) {
            log.warn("Error while stopping DynamoDB Local", t);
        }
    }

}
