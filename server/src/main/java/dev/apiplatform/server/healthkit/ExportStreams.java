package dev.apiplatform.server.healthkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import dev.apiplatform.server.domain.InvalidField;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The two ways an export is parsed, both through {@link ExportRules} and both in constant memory:
 * {@link Checked}, a stream that checks the bytes passing through it (the upload's body on its
 * way to storage), and {@link #read}, a blocking pass over a stream (the worker, reading the
 * stored export back). No string or number longer than the schema allows is ever buffered
 * whole: the parser's limits refuse it first.
 */
final class ExportStreams {

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(1024).maxNumberLength(64)
          .maxNestingDepth(8).build())
      .build();

  private ExportStreams() {}

  /** Reads the whole export from {@code in} through {@code rules}; what it refuses is thrown. */
  static void read(InputStream in, ExportRules rules) throws IOException {
    try (JsonParser p = FACTORY.createParser(in)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) rules.token(t, p);
      rules.end();
    } catch (JsonProcessingException e) {
      throw malformed(e);
    }
  }

  private static InvalidField malformed(JsonProcessingException e) {
    String why = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (why.length() > 160) why = why.substring(0, 160) + "…";
    return new InvalidField("body", "is not well-formed JSON within the limits (" + why + ")", "json");
  }

  /**
   * The bytes of {@code in}, checked as they are read: each chunk is fed to a non-blocking parser
   * and its tokens to the rules before the chunk is handed on, so a reader (the storage client)
   * never gets past the first refused byte. A refusal is thrown from {@code read} and again from
   * every later call. Also counts the bytes and hashes them (an Idempotency-Key's fingerprint).
   */
  static final class Checked extends FilterInputStream {
    private final ExportRules rules;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final MessageDigest sha;
    private long bytes;
    private RuntimeException refused;
    private boolean ended;

    Checked(InputStream in, ExportRules rules) {
      super(in);
      this.rules = rules;
      try {
        this.parser = FACTORY.createNonBlockingByteArrayParser();
        this.sha = MessageDigest.getInstance("SHA-256");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (refused != null) throw refused;
      int n = in.read(b, off, len);
      try {
        if (n > 0) {
          bytes += n;
          sha.update(b, off, n);
          feeder.feedInput(b, off, off + n);
          drain();
        } else if (n < 0 && !ended) {
          ended = true;
          feeder.endOfInput();
          drain();
          rules.end();
        }
      } catch (JsonProcessingException e) {
        refused = malformed(e);
        throw refused;
      } catch (RuntimeException e) {
        refused = e;
        throw e;
      }
      return n;
    }

    private void drain() throws IOException {
      for (JsonToken t = parser.nextToken(); t != null && t != JsonToken.NOT_AVAILABLE; t = parser.nextToken()) {
        rules.token(t, parser);
      }
    }

    @Override
    public boolean markSupported() {
      return false; // every byte is checked once: a reader cannot rewind past the parser
    }

    @Override
    public synchronized void mark(int readlimit) {}

    @Override
    public synchronized void reset() throws IOException {
      throw new IOException("mark/reset not supported");
    }

    /** The whole body has been read and passed the rules. */
    boolean complete() {
      return ended && refused == null;
    }

    long bytes() {
      return bytes;
    }

    String sha256() {
      return HexFormat.of().formatHex(sha.digest());
    }
  }
}
