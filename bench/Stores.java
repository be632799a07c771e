import dev.apiplatform.embedded.EmbeddedAws;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded stores (DynamoDB Local, S3Proxy) in a JVM of their own, so that the platform's
 * CPU per request excludes the store's and a raw GetItem can hit the same DynamoDB Local.
 * <pre>java -cp 'local/target/lib/*' bench/Stores.java DATA_DIR</pre>
 * Prints {@code STORES dynamodb=URI s3=URI} when ready; stops on SIGTERM.
 */
public class Stores {
  public static void main(String[] args) throws Exception {
    EmbeddedAws stores = EmbeddedAws.start(Path.of(args[0]));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stores.close();
      stopped.countDown();
    }));
    System.out.println("STORES dynamodb=" + stores.dynamoDbEndpoint() + " s3=" + stores.s3Endpoint());
    System.out.flush();
    stopped.await();
  }
}
