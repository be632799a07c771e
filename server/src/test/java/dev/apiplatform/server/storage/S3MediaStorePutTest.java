package dev.apiplatform.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * {@link S3MediaStore#put} on an S3 that records what it is sent: parts of
 * {@link PartBuffers#PART_BYTES} (the last shorter) from one pooled buffer, and the buffer back in
 * the pool however the write ends: stored, a body that broke off, S3 failing, S3 failing a
 * single PUT. A pool of one buffer with no wait makes a leak fail the next write at once.
 */
class S3MediaStorePutTest {

  final PartBuffers pool = new PartBuffers(1, Duration.ZERO);
  final RecordingS3 s3 = new RecordingS3();
  final S3MediaStore store = new S3MediaStore(s3, null, "bucket", pool);

  @Test
  void aLargeBodyIsSentInPartsFromOnePooledBuffer_andTheBufferIsBack() {
    byte[] body = bytes(PartBuffers.PART_BYTES * 2 + 12345);
    store.put("k", "application/json", new java.io.ByteArrayInputStream(body), body.length);
    assertThat(s3.parts).containsExactly((long) PartBuffers.PART_BYTES, (long) PartBuffers.PART_BYTES, 12345L);
    assertThat(s3.received.toByteArray()).isEqualTo(body);
    assertThat(s3.completed).isEqualTo(1);
    assertThat(s3.aborted).isZero();
    assertBufferBack();
    assertThat(pool.allocated()).isEqualTo(1);
  }

  @Test
  void aBodyOfOnePartOrLessIsOnePut() {
    byte[] body = bytes(PartBuffers.PART_BYTES);
    store.put("k", "application/json", new java.io.ByteArrayInputStream(body), body.length);
    byte[] small = bytes(2000);
    store.put("s", "application/json", new java.io.ByteArrayInputStream(small), small.length);
    assertThat(s3.puts).containsExactly((long) PartBuffers.PART_BYTES, 2000L);
    assertThat(s3.parts).isEmpty();
    assertBufferBack();
  }

  @Test
  void aBodyThatBreaksOffAbortsTheUpload_andTheBufferIsBack() {
    long length = PartBuffers.PART_BYTES * 3L;
    InputStream breaking = new InputStream() {
      long read;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (read >= PartBuffers.PART_BYTES + 10) throw new IOException("client left");
        int n = (int) Math.min(len, PartBuffers.PART_BYTES + 10 - read);
        java.util.Arrays.fill(b, off, off + n, (byte) 'x');
        read += n;
        return n;
      }
    };
    assertThatThrownBy(() -> store.put("k", "application/json", breaking, length))
        .isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("client left");
    assertThat(s3.parts).hasSize(1);
    assertThat(s3.aborted).isEqualTo(1);
    assertThat(s3.completed).isZero();
    assertBufferBack();
  }

  @Test
  void aBodyShorterThanAnnouncedStoresNothing_andTheBufferIsBack() {
    byte[] body = bytes(1000);
    assertThatThrownBy(() -> store.put("k", "application/json", new java.io.ByteArrayInputStream(body),
        PartBuffers.SMALL_BYTES * 2L)).isInstanceOf(UncheckedIOException.class);
    assertThat(s3.puts).isEmpty();
    assertBufferBack();
  }

  @Test
  void s3FailingAPartAbortsTheUpload_andTheBufferIsBack() {
    s3.failPart = 2;
    byte[] body = bytes(PartBuffers.PART_BYTES * 3);
    assertThatThrownBy(() -> store.put("k", "application/json", new java.io.ByteArrayInputStream(body), body.length))
        .isInstanceOf(MediaStore.MediaUnavailableException.class).hasMessageContaining("upload part");
    assertThat(s3.aborted).isEqualTo(1);
    assertThat(s3.completed).isZero();
    assertBufferBack();
  }

  @Test
  void s3FailingTheAbortToo_isNotLost_andTheBufferIsBack() {
    s3.failPart = 1;
    s3.failAbort = true;
    byte[] body = bytes(PartBuffers.PART_BYTES * 2);
    assertThatThrownBy(() -> store.put("k", "application/json", new java.io.ByteArrayInputStream(body), body.length))
        .isInstanceOf(MediaStore.MediaUnavailableException.class)
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    assertBufferBack();
  }

  @Test
  void s3FailingASinglePut_andTheBufferIsBack() {
    s3.failPut = true;
    byte[] body = bytes(PartBuffers.PART_BYTES - 1);
    assertThatThrownBy(() -> store.put("k", "application/json", new java.io.ByteArrayInputStream(body), body.length))
        .isInstanceOf(MediaStore.MediaUnavailableException.class);
    assertBufferBack();
  }

  @Test
  void withEveryBufferTakenAWriteIsRefusedBeforeReadingAByte_andSmallBodiesStillGoThrough() {
    AtomicLong read = new AtomicLong();
    InputStream counted = new InputStream() {
      @Override
      public int read() {
        read.incrementAndGet();
        return 'x';
      }
    };
    try (PartBuffers.Lease held = pool.acquire(PartBuffers.PART_BYTES)) {
      assertThatThrownBy(() -> store.put("k", "application/json", counted, PartBuffers.PART_BYTES * 2L))
          .isInstanceOf(MediaStore.MediaBusyException.class);
      assertThat(read).hasValue(0);
      assertThat(s3.calls).isZero();
      byte[] small = bytes(500);
      store.put("s", "application/json", new java.io.ByteArrayInputStream(small), small.length);
      assertThat(s3.puts).containsExactly(500L);
    }
    assertBufferBack();
  }

  /** The pool's one buffer is free: a leak would make this refuse at once (no wait). */
  void assertBufferBack() {
    assertThat(pool.available()).isEqualTo(1);
    pool.acquire(PartBuffers.PART_BYTES).close();
  }

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  /** Only the calls a streamed write makes; each body is read as the SDK would (from its provider). */
  static final class RecordingS3 implements S3Client {
    final List<Long> puts = new ArrayList<>();
    final List<Long> parts = new ArrayList<>();
    final ByteArrayOutputStream received = new ByteArrayOutputStream();
    int calls;
    int completed;
    int aborted;
    int failPart;
    boolean failAbort;
    boolean failPut;

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
      calls++;
      if (failPut) throw failure();
      puts.add(request.contentLength());
      receive(body);
      return PutObjectResponse.builder().eTag("e").build();
    }

    @Override
    public CreateMultipartUploadResponse createMultipartUpload(CreateMultipartUploadRequest request) {
      calls++;
      return CreateMultipartUploadResponse.builder().uploadId("u").build();
    }

    @Override
    public UploadPartResponse uploadPart(UploadPartRequest request, RequestBody body) {
      calls++;
      if (request.partNumber() == failPart) throw failure();
      parts.add(request.contentLength());
      receive(body);
      return UploadPartResponse.builder().eTag("e" + request.partNumber()).build();
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(CompleteMultipartUploadRequest request) {
      calls++;
      assertThat(request.multipartUpload().parts()).hasSize(parts.size());
      completed++;
      return CompleteMultipartUploadResponse.builder().build();
    }

    @Override
    public AbortMultipartUploadResponse abortMultipartUpload(AbortMultipartUploadRequest request) {
      calls++;
      aborted++;
      if (failAbort) throw failure();
      return AbortMultipartUploadResponse.builder().build();
    }

    private void receive(RequestBody body) {
      try (InputStream in = body.contentStreamProvider().newStream()) {
        in.transferTo(received);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static S3Exception failure() {
      return (S3Exception) S3Exception.builder().statusCode(500).message("internal error").build();
    }

    @Override
    public String serviceName() {
      return "s3";
    }

    @Override
    public void close() {}
  }
}
