package dev.apiplatform.mock;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A response under construction: status, headers in order, body bytes. */
final class MockResponse {

  record Header(String name, String value) {}

  private int status;
  private final List<Header> headers = new ArrayList<>();
  private byte[] body = new byte[0];

  MockResponse(int status) {
    this.status = status;
  }

  static MockResponse json(int status, String contentType, byte[] body) {
    MockResponse r = new MockResponse(status);
    r.header("Content-Type", contentType);
    r.body(body);
    return r;
  }

  int status() {
    return status;
  }

  MockResponse status(int value) {
    status = value;
    return this;
  }

  List<Header> headers() {
    return headers;
  }

  /** Adds a header, replacing any of the same name (case-insensitive). */
  MockResponse header(String name, String value) {
    headers.removeIf(h -> h.name().equalsIgnoreCase(name));
    headers.add(new Header(name, value));
    return this;
  }

  String header(String name) {
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase(name)) {
        return h.value();
      }
    }
    return null;
  }

  byte[] body() {
    return body;
  }

  MockResponse body(byte[] value) {
    body = value == null ? new byte[0] : value;
    return this;
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
