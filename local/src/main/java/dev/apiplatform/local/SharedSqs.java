package dev.apiplatform.local;

import dev.apiplatform.embedded.EmbeddedSqs;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local runtime's embedded SQS, one per JVM: ElasticMQ keeps its H2 pool in a JVM-wide
 * singleton, so {@link EmbeddedSqs} runs once per process. `make run` starts one platform, whose
 * queues persist under its {@code DATA_DIR/sqs}. A second platform started in the same JVM while
 * the first runs (the conformance suite does) shares the first one's server and data directory:
 * its queues are the same stage's, so both platforms' workers consume both platforms' messages.
 * The last platform to stop stops it.
 */
final class SharedSqs {

  private static final Logger LOG = LoggerFactory.getLogger(SharedSqs.class);
  private static EmbeddedSqs running;
  private static int users;

  private SharedSqs() {}

  /** The running server, started on {@code dataDir} if none runs; pair with {@link #release()}. */
  static synchronized EmbeddedSqs acquire(Path dataDir) {
    if (running == null) {
      running = EmbeddedSqs.start(dataDir);
    } else if (!running.dataDir().equals(dataDir.toAbsolutePath().normalize())) {
      LOG.warn("Embedded SQS of {} is shared with the platform on {} (one per JVM)", running.dataDir(), dataDir);
    }
    users++;
    return running;
  }

  static synchronized void release() {
    if (users == 0) return;
    if (--users == 0) {
      running.close();
      running = null;
    }
  }
}
