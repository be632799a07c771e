package dev.apiplatform.server.testing;

import dev.apiplatform.embedded.EmbeddedAws;
import dev.apiplatform.embedded.EmbeddedSqs;
import dev.apiplatform.server.Platform;
import dev.apiplatform.server.config.AppConfig;
import dev.apiplatform.server.platform.ResourceGroup;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform of the crash tests (HealthUploadCrashTest, HealthKitChildJvmTest): the same
 * configuration on one DATA_DIR for the child JVM that is killed and the platform restarted on
 * it; the child's main and the line that tells its port; an upload's status while it may die.
 */
public final class CrashPlatforms {

  private CrashPlatforms() {}

  /** Workers on, one job at a time, a crashed delivery visible again 2 s after the restart; {@code extra} on top. */
  public static AppConfig config(Path dir, EmbeddedAws stores, EmbeddedSqs queues, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "DATA_DIR", dir.toString(),
        "SHUTDOWN_GRACE_SECONDS", "1", "JOB_SHUTDOWN_GRACE_SECONDS", "1", "AUTH_REQUESTS_PER_MINUTE", "100000", "RATE_LIMIT_REQUESTS", "1000000",
        // one at a time, and a crashed delivery visible again soon after the restart
        "WORKER_CONCURRENCY", "1", "QUEUE_VISIBILITY_TIMEOUT_SECONDS", "2", "QUEUE_POLL_WAIT_SECONDS", "1"));
    env.putAll(extra);
    return AppConfig.from(env).withStores(stores.dynamoDbEndpoint(), stores.s3Endpoint(),
        new AppConfig.StaticCredentials(stores.accessKeyId(), stores.secretAccessKey())).withQueue(queues.endpoint());
  }

  /** A child JVM's main: stores, queue and platform on {@code dir}, then {@code "<name> PORT <port>"}, then it waits to be killed. */
  public static void serve(String name, Path dir, List<ResourceGroup> groups, Map<String, String> extra)
      throws Exception {
    EmbeddedAws stores = EmbeddedAws.start(dir);
    EmbeddedSqs queues = EmbeddedSqs.start(dir);
    Platform platform = Platform.start(config(dir, stores, queues, extra), groups);
    System.out.println(name + " PORT " + platform.port());
    Thread.sleep(Long.MAX_VALUE);
  }

  /** Sets {@code port} from the child's line of {@link #serve} (other lines are left alone). */
  public static void readPort(String name, String line, AtomicInteger port) {
    String prefix = name + " PORT ";
    if (line.startsWith(prefix)) port.set(Integer.parseInt(line.substring(prefix.length()).trim()));
  }

  /** {@code data.status} of the upload at {@code path}; UNREACHABLE while the child is being killed. */
  public static String status(URI base, String token, String path) {
    try {
      return ChildHttp.call(base, "GET", path, token, null).path("data").path("status").asText();
    } catch (Exception e) {
      return "UNREACHABLE"; // the child is being killed
    }
  }
}
