package dev.apiplatform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.gaul.s3proxy.S3Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

class EmbeddedAwsTest {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedAwsTest.class);

    private static final String TABLE = "items";
    private static final String BUCKET = "uploads";
    private static final String KEY = "docs/hello.txt";
    private static final byte[] BODY = "hello, embedded s3".getBytes(StandardCharsets.UTF_8);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @TempDir
    Path dataDir;

    @Test
    void storesWorkAndSurviveRestartOnSameDir() throws Exception {
        long t0 = System.nanoTime();
        try (EmbeddedAws aws = EmbeddedAws.start(dataDir)) {
            log.info("first start took {} ms: {}", (System.nanoTime() - t0) / 1_000_000, aws);
            assertEndpoints(aws);

            try (DynamoDbClient ddb = dynamo(aws)) {
                ddb.createTable(b -> b.tableName(TABLE)
                        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName("pk").attributeType(ScalarAttributeType.S).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST));
                ddb.putItem(b -> b.tableName(TABLE).item(Map.of(
                        "pk", AttributeValue.fromS("item-1"),
                        "name", AttributeValue.fromS("first"))));
                Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(TABLE).consistentRead(true)
                        .key(Map.of("pk", AttributeValue.fromS("item-1")))).item();
                assertThat(item).containsEntry("name", AttributeValue.fromS("first"));
            }

            try (S3Client s3 = s3(aws); S3Presigner presigner = presigner(aws)) {
                s3.createBucket(b -> b.bucket(BUCKET));

                PresignedPutObjectRequest presigned = presignPut(presigner, BODY.length);
                assertThat(presigned.signedHeaders()).containsKeys("content-type", "content-length", "host");
                URI url = presigned.url().toURI();
                assertThat(url.getPath()).isEqualTo("/" + BUCKET + "/" + KEY); // path-style

                // a body of another length than the signed one is refused, nothing is stored
                HttpResponse<String> wrong = put(url, "hello, a longer body than signed".getBytes(StandardCharsets.UTF_8));
                assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(403);
                assertThatThrownBy(() -> s3.headObject(b -> b.bucket(BUCKET).key(KEY)))
                        .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);

                // the signed length and type are accepted
                HttpResponse<String> ok = put(url, BODY);
                assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);

                HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key(KEY));
                assertThat(head.contentLength()).isEqualTo(BODY.length);
                assertThat(head.contentType()).isEqualTo("text/plain");
            }
        }

        // the same directory again: new ports, same data
        t0 = System.nanoTime();
        try (EmbeddedAws aws = EmbeddedAws.start(dataDir)) {
            log.info("restart took {} ms: {}", (System.nanoTime() - t0) / 1_000_000, aws);
            try (DynamoDbClient ddb = dynamo(aws); S3Client s3 = s3(aws)) {
                assertThat(ddb.listTables().tableNames()).containsExactly(TABLE);
                Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(TABLE).consistentRead(true)
                        .key(Map.of("pk", AttributeValue.fromS("item-1")))).item();
                assertThat(item).containsEntry("name", AttributeValue.fromS("first"));

                assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly(BUCKET);
                byte[] stored = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(KEY)).asByteArray();
                assertThat(stored).isEqualTo(BODY);
                assertThat(s3.headObject(b -> b.bucket(BUCKET).key(KEY)).contentType()).isEqualTo("text/plain");

                // the SDK's own upload path (SigV4 headers, default flexible checksums) also works
                s3.putObject(b -> b.bucket(BUCKET).key("sdk.txt").contentType("text/plain"),
                        RequestBody.fromString("via sdk"));
                assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("sdk.txt")).asUtf8String())
                        .isEqualTo("via sdk");
            }
        }
    }

    @Test
    void browserCanPutToPresignedUrlCrossOrigin() throws Exception {
        try (EmbeddedAws aws = EmbeddedAws.start(dataDir);
             S3Client s3 = s3(aws);
             S3Presigner presigner = presigner(aws)) {
            s3.createBucket(b -> b.bucket(BUCKET));
            URI url = presignPut(presigner, BODY.length).url().toURI();
            String origin = "http://localhost:5173";

            // preflight as a browser sends it before a PUT with Content-Type
            HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(url)
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", origin)
                    .header("Access-Control-Request-Method", "PUT")
                    .header("Access-Control-Request-Headers", "content-type")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).as(preflight.body()).isEqualTo(200);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
                    .contains("PUT");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                    .contains("content-type");

            // the actual PUT carries Origin and gets the CORS headers back
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(url)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(BODY))
                    .header("Content-Type", "text/plain")
                    .header("Origin", origin)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            assertThat(put.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(put.headers().firstValue("Access-Control-Expose-Headers").orElse("").toLowerCase())
                    .contains("etag");
        }
    }

    /** Exercises more of s3proxy than the basics, as the pom drops its other back ends' jars. */
    @Test
    void multipartCopyListAndDeleteWork() {
        try (EmbeddedAws aws = EmbeddedAws.start(dataDir); S3Client s3 = s3(aws)) {
            s3.createBucket(b -> b.bucket(BUCKET));
            String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("big.bin")
                    .contentType("application/octet-stream")).uploadId();
            byte[] part1 = new byte[5 * 1024 * 1024];
            java.util.Arrays.fill(part1, (byte) 'a');
            byte[] part2 = "tail".getBytes(StandardCharsets.UTF_8);
            String etag1 = s3.uploadPart(b -> b.bucket(BUCKET).key("big.bin").uploadId(uploadId).partNumber(1),
                    RequestBody.fromBytes(part1)).eTag();
            String etag2 = s3.uploadPart(b -> b.bucket(BUCKET).key("big.bin").uploadId(uploadId).partNumber(2),
                    RequestBody.fromBytes(part2)).eTag();
            s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("big.bin").uploadId(uploadId)
                    .multipartUpload(m -> m.parts(
                            p -> p.partNumber(1).eTag(etag1),
                            p -> p.partNumber(2).eTag(etag2))));
            assertThat(s3.headObject(b -> b.bucket(BUCKET).key("big.bin")).contentLength())
                    .isEqualTo(part1.length + part2.length);

            s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("big.bin")
                    .destinationBucket(BUCKET).destinationKey("copy.bin"));
            assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET)).contents())
                    .extracting(o -> o.key()).containsExactlyInAnyOrder("big.bin", "copy.bin");

            s3.deleteObject(b -> b.bucket(BUCKET).key("big.bin"));
            assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET)).contents())
                    .extracting(o -> o.key()).containsExactly("copy.bin");
        }
    }

    @Test
    void stopS3LeavesDynamoDbRunning() throws Exception {
        try (EmbeddedAws aws = EmbeddedAws.start(dataDir);
             DynamoDbClient ddb = dynamo(aws);
             S3Client s3 = s3(aws)) {
            s3.createBucket(b -> b.bucket(BUCKET));
            assertThat(s3.listBuckets().buckets()).hasSize(1);

            aws.stopS3();
            aws.stopS3(); // idempotent

            assertThatThrownBy(s3::listBuckets).isInstanceOf(SdkClientException.class);
            assertThat(ddb.listTables().tableNames()).isEmpty();

            aws.close();
            aws.close(); // idempotent, no exception
            assertThatThrownBy(ddb::listTables).isInstanceOf(SdkClientException.class);
        }
    }

    /**
     * Why {@link #s3} keeps the SDK's retries, as the platform's clients do. HttpURLConnection (the
     * url-connection client) hands a PUT a pooled keep-alive connection without checking that the
     * server still has it open (the JDK checks only streamed POSTs) and cannot send a streamed body
     * again, so a PUT on a connection the server has closed fails its first attempt with
     * {@code IOException: Error writing request body to server}; a GET in the same spot is resent
     * by the JDK itself. The pool is the JVM's, keyed by host and port, and outlives the S3Client
     * and the server: a server started again on the same port leaves the client exactly such a
     * connection. Only the SDK's retry (a new attempt, a new connection, the body again) saves the
     * upload; with {@code doNotRetry} this test fails with that IOException.
     */
    @Test
    void anUploadOnAPooledConnectionTheServerClosedGoesThroughOnTheRetry() throws Exception {
        Path s3Dir = Files.createDirectories(dataDir.resolve("s3"));
        S3Proxy first = EmbeddedS3.start(s3Dir, FreePorts.HOST);
        int port = first.getPort();
        AtomicInteger putAttempts = new AtomicInteger();
        try (S3Client s3 = s3(URI.create("http://" + FreePorts.HOST + ":" + port), putAttempts)) {
            s3.createBucket(b -> b.bucket(BUCKET)); // its connection stays in the JVM's keep-alive pool
            EmbeddedS3.stopQuietly(first); // closes it on the server's side
            S3Proxy second = EmbeddedS3.start(s3Dir, FreePorts.HOST, port);
            try {
                s3.putObject(b -> b.bucket(BUCKET).key("after-restart.txt").contentType("text/plain"),
                        RequestBody.fromString("after restart"));
                assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("after-restart.txt")).asUtf8String())
                        .isEqualTo("after restart");
                // the first attempt went out on the dead pooled connection, the second on a new one
                assertThat(putAttempts).as("PutObject attempts").hasValue(2);
            } finally {
                EmbeddedS3.stopQuietly(second);
            }
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    private static void assertEndpoints(EmbeddedAws aws) {
        assertThat(aws.dynamoDbEndpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(aws.s3Endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(aws.dynamoDbEndpoint().getPort()).isPositive().isNotEqualTo(aws.s3Endpoint().getPort());
        assertThat(aws.region()).isEqualTo("us-east-1");
        assertThat(aws.accessKeyId()).isNotBlank();
        assertThat(aws.secretAccessKey()).isNotBlank();
    }

    private PresignedPutObjectRequest presignPut(S3Presigner presigner, long contentLength) {
        return presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(o -> o.bucket(BUCKET).key(KEY)
                        .contentType("text/plain")
                        .contentLength(contentLength)));
    }

    private HttpResponse<String> put(URI url, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(url)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "text/plain")
                .timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static StaticCredentialsProvider credentials(EmbeddedAws aws) {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey()));
    }

    private static DynamoDbClient dynamo(EmbeddedAws aws) {
        return DynamoDbClient.builder()
                .endpointOverride(aws.dynamoDbEndpoint())
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials(aws))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build();
    }

    /**
     * With the SDK's default retries, as the platform's S3 client has them (server AwsClients):
     * without them any PUT that meets a pooled connection the server has closed fails (see
     * {@link #anUploadOnAPooledConnectionTheServerClosedGoesThroughOnTheRetry}).
     */
    private static S3Client s3(EmbeddedAws aws) {
        return s3(aws.s3Endpoint(), new AtomicInteger());
    }

    /** @param putAttempts counts the HTTP attempts of PutObject calls */
    private static S3Client s3(URI endpoint, AtomicInteger putAttempts) {
        ExecutionInterceptor countPuts = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof software.amazon.awssdk.services.s3.model.PutObjectRequest) {
                    putAttempts.incrementAndGet();
                }
            }
        };
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(EmbeddedAws.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EmbeddedAws.ACCESS_KEY_ID, EmbeddedAws.SECRET_ACCESS_KEY)))
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(countPuts))
                .build();
    }

    private static S3Presigner presigner(EmbeddedAws aws) {
        return S3Presigner.builder()
                .endpointOverride(aws.s3Endpoint())
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials(aws))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }
}
