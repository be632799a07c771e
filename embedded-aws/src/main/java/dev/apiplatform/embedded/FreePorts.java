package dev.apiplatform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Starting a server on a free loopback port: a port found free can be taken by another process
 * before the server binds it, so a bind failure picks a new port and tries again (a few times);
 * any other failure ends the attempts at once.
 */
final class FreePorts {

  static final String HOST = "127.0.0.1";
  private static final int ATTEMPTS = 5;

  /** Starts what binds {@code port}; on failure it cleans up after itself and throws. */
  @FunctionalInterface
  interface Binder<T> {
    T bind(int port) throws Exception;
  }

  private FreePorts() {}

  /** @throws IllegalStateException "{@code what} did not start", with the last failure as cause */
  static <T> T start(String what, Binder<T> binder) {
    Exception last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      int port = freePort();
      try {
        return binder.bind(port);
      } catch (Exception e) {
        last = e;
        if (!isBindFailure(e)) break;
      }
    }
    throw new IllegalStateException(what + " did not start", last);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on " + HOST, e);
    }
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) return true;
    }
    return false;
  }
}
