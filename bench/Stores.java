import dev.apiplatform.embedded.EmbeddedAws;
import dev.apiplatform.embedded.EmbeddedSqs;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded stores (DynamoDB Local, S3Proxy, and ElasticMQ for the job queues) in a JVM of
 * their own, so that the platform's CPU per request excludes the store's and a raw GetItem can hit the same DynamoDB Local.
 * <pre>java -cp 'local/target/lib/*' bench/Stores.java DATA_DIR</pre>
 * Prints {@code STORES dynamodb=URI s3=URI sqs=URI} when ready; stops on SIGTERM.
 */
public class Stores {
  public static void main(String[] args) throws Exception {
    EmbeddedAws stores = EmbeddedAws.start(Path.of(args[0]));
    // the platform with STORES=aws needs a queue endpoint too (issue 9's worker runtime)
    EmbeddedSqs queues = EmbeddedSqs.start(Path.of(args[0]).resolve("sqs"));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      queues.close();
      stores.close();
      stopped.countDown();
    }));
    System.out.println("STORES dynamodb=" + stores.dynamoDbEndpoint() + " s3=" + stores.s3Endpoint() + " sqs=" + queues.endpoint());
    System.out.flush();
    stopped.await();
  }
}
