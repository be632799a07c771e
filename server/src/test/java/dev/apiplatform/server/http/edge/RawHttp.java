package dev.apiplatform.server.http.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** HTTP/1.1 over a plain socket: requests no client library would send. */
public final class RawHttp implements AutoCloseable {

  public record Response(int status, Map<String, String> headers, String body, boolean closedAfter) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  public RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(15_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  public static Response exchange(int port, String request) throws IOException {
    try (RawHttp http = new RawHttp(port)) {
      http.send(request);
      return http.read(true);
    }
  }

  /** Sends, ignoring a reset when the server has already answered and closed. */
  public RawHttp send(String text) {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  public RawHttp send(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException serverClosed) {
      // the answer is still readable
    }
    return this;
  }

  /** Reads one final response (skipping 1xx); with {@code probeClose}, then whether the server closed. */
  public Response read(boolean probeClose) throws IOException {
    while (true) {
      String head = readHead();
      String[] lines = head.split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
      if (status < 200) continue;
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      byte[] body = in.readNBytes(length);
      boolean closed = probeClose && closed();
      return new Response(status, headers, new String(body, StandardCharsets.UTF_8), closed);
    }
  }

  public String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) throw new IOException("connection closed before a response head: " + head);
      head.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : 0;
    }
    return head.toString(StandardCharsets.ISO_8859_1).trim();
  }

  private boolean closed() throws IOException {
    return closedWithin(java.time.Duration.ofSeconds(3));
  }

  /** Whether the server closes the connection within {@code wait} (a byte read instead is an error). */
  public boolean closedWithin(java.time.Duration wait) throws IOException {
    socket.setSoTimeout((int) wait.toMillis());
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
