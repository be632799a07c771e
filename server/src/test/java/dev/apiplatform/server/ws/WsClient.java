package dev.apiplatform.server.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A JDK {@link WebSocket} that collects the server's JSON messages and its close code. */
final class WsClient implements WebSocket.Listener, AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  WebSocket socket;

  static WsClient connect(URI uri) {
    WsClient client = new WsClient();
    client.socket = HTTP.newWebSocketBuilder().buildAsync(uri, client).join();
    return client;
  }

  void send(Object frame) {
    try {
      socket.sendText(frame instanceof String s ? s : JSON.writeValueAsString(frame), true).join();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The next message that matches, skipping others (heartbeats, joins); fails after 20 s. */
  JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < until) {
      JsonNode m = received.poll(200, TimeUnit.MILLISECONDS);
      if (m != null && wanted.test(m)) return m;
    }
    throw new AssertionError("no matching message within 20 s; closed=" + closed.getNow(null));
  }

  JsonNode next(String type) throws InterruptedException {
    return next(m -> m.path("type").asText().equals(type));
  }

  int closeCode() {
    return closed.orTimeout(30, TimeUnit.SECONDS).join();
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try {
        received.add(JSON.readTree(partial.toString()));
      } catch (Exception e) {
        received.add(JSON.getNodeFactory().textNode(partial.toString()));
      }
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.completeExceptionally(error);
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    socket.abort();
  }
}
