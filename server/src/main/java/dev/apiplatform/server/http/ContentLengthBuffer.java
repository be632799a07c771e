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

  /** One holding stream, and its buffer, per thread: a response allocates neither. */
  private static final ThreadLocal<HoldingStream> HOLDERS = ThreadLocal.withInitial(HoldingStream::new);

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
    HoldingStream own = HOLDERS.get();
    // an entity written while another is held on this thread (not seen so far) gets its own holder
    HoldingStream holding = own.entity == null ? own : new HoldingStream();
    OutputStream entity = context.getOutputStream();
    holding.start(entity);
    try {
      context.setOutputStream(holding);
      context.proceed();
      if (!holding.streaming) {
        MultivaluedMap<String, Object> headers = context.getHeaders(); // Jersey's: case-insensitive names
        if (!headers.containsKey(HttpHeaders.CONTENT_LENGTH)) {
          headers.putSingle(HttpHeaders.CONTENT_LENGTH, Integer.toString(holding.held)); // a String: no header delegate
        }
        if (holding.held > 0) entity.write(holding.buffer, 0, holding.held);
      }
    } finally {
      context.setOutputStream(entity);
      holding.end();
    }
  }

  /** Holds up to the buffer's size; past it, sends what it holds and passes every write on. */
  private static final class HoldingStream extends OutputStream {
    final byte[] buffer = new byte[LIMIT];
    /** The response's own stream while an entity is written through this holder; null when free. */
    OutputStream entity;
    int held;
    boolean streaming;

    void start(OutputStream response) {
      entity = response;
      held = 0;
      streaming = false;
    }

    /** Frees the holder; the thread keeps no reference to the response it wrote. */
    void end() {
      entity = null;
    }

    @Override
    public void write(int b) throws IOException {
      open();
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
      open();
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

    /** A writer that kept the stream past its response gets an error, not another response's buffer. */
    private void open() throws IOException {
      if (entity == null) throw new IOException("the entity of this response is already written");
    }

    private void stream() throws IOException {
      streaming = true;
      if (held > 0) entity.write(buffer, 0, held);
    }

    @Override
    public void flush() throws IOException {
      if (streaming && entity != null) entity.flush();
    }

    /** Jersey closes the entity stream itself once the interceptors are done. */
    @Override
    public void close() {
    }
  }
}
