package dev.apiplatform.server.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import java.io.OutputStream;
import org.glassfish.jersey.server.ChunkedOutput;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * What Jersey's {@code CommittingOutputStream} does to give a response its Content-Length, with a
 * buffer per thread instead of a new one per response. Jersey holds the first 8 KiB of every
 * entity ({@link ServerProperties#OUTBOUND_CONTENT_LENGTH_BUFFER}) in a new
 * {@code ByteArrayOutputStream}: an 8 KiB array per response, a fifth of the bytes
 * {@code GET /healthz} allocated (bench/README.md, "respbuf"). {@link #install} turns that buffer
 * off and this interceptor keeps Jersey's rules: an entity of at most {@value #LIMIT} bytes is
 * held until it is complete and goes out with its length in Content-Length (a Content-Length the
 * resource set wins, as in Jersey; HEAD gets the length of the entity Jersey then discards); a
 * write that would pass the limit sends what is held and streams the rest (Grizzly frames it
 * chunked); {@code flush()} before that is ignored, as on Jersey's uncommitted stream (Jackson
 * flushes at the end of every entity); an entity writer that fails leaves nothing written, so the
 * exception mappers still answer. {@link ChunkedOutput} entities (Jersey commits them before
 * their chunks) pass untouched.
 *
 * <p>The priority places it inside Jersey's {@code MappableExceptionWrapperInterceptor} (priority
 * 10), so an {@code IOException} of the client's connection is wrapped as before.
 */
@Priority(ContentLengthBuffer.PRIORITY)
public final class ContentLengthBuffer implements WriterInterceptor {

  /** Jersey's {@code CommittingOutputStream.DEFAULT_BUFFER_SIZE}: the same responses keep their Content-Length. */
  public static final int LIMIT = 8192;
  static final int PRIORITY = 100;

  private static final ThreadLocal<Held> HELD = ThreadLocal.withInitial(Held::new);

  /** Registers the interceptor and turns Jersey's own buffer off: the entity is held once, here. */
  public static void install(ResourceConfig app) {
    app.register(new ContentLengthBuffer());
    app.property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 0);
  }

  @Override
  public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
    if (ChunkedOutput.class.isAssignableFrom(context.getType())) {
      context.proceed();
      return;
    }
    Held held = HELD.get();
    // an entity written while another is held on this thread (not seen so far) gets its own buffer
    byte[] buffer = held.inUse ? new byte[LIMIT] : held.buffer;
    boolean own = buffer == held.buffer;
    if (own) held.inUse = true;
    OutputStream entity = context.getOutputStream();
    HoldingStream holding = new HoldingStream(entity, buffer);
    try {
      context.setOutputStream(holding);
      context.proceed();
      if (!holding.streaming) {
        MultivaluedMap<String, Object> headers = context.getHeaders(); // Jersey's: case-insensitive names
        if (!headers.containsKey(HttpHeaders.CONTENT_LENGTH)) {
          headers.putSingle(HttpHeaders.CONTENT_LENGTH, Integer.toString(holding.held)); // a String: no header delegate
        }
        if (holding.held > 0) entity.write(buffer, 0, holding.held);
      }
    } finally {
      context.setOutputStream(entity);
      if (own) held.inUse = false;
    }
  }

  private static final class Held {
    final byte[] buffer = new byte[LIMIT];
    boolean inUse;
  }

  /** Holds up to the buffer's size; past it, sends what it holds and passes every write on. */
  private static final class HoldingStream extends OutputStream {
    private final OutputStream entity;
    private final byte[] buffer;
    int held;
    boolean streaming;

    HoldingStream(OutputStream entity, byte[] buffer) {
      this.entity = entity;
      this.buffer = buffer;
    }

    @Override
    public void write(int b) throws IOException {
      if (streaming) {
        entity.write(b);
      } else if (held + 1 > buffer.length) {
        stream();
        entity.write(b);
      } else {
        buffer[held++] = (byte) b;
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (streaming) {
        entity.write(b, off, len);
      } else if (len > buffer.length - held) {
        stream();
        entity.write(b, off, len);
      } else {
        System.arraycopy(b, off, buffer, held, len);
        held += len;
      }
    }

    private void stream() throws IOException {
      streaming = true;
      if (held > 0) entity.write(buffer, 0, held);
    }

    @Override
    public void flush() throws IOException {
      if (streaming) entity.flush();
    }

    /** Jersey closes the entity stream itself once the interceptors are done. */
    @Override
    public void close() {
    }
  }
}
