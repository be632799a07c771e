package dev.apiplatform.sdk;

/** An entity with the {@code ETag} it was read with; send it back as {@code If-Match}. */
public final class Versioned<T> {
  private final T value;
  private final String etag;

  public Versioned(T value, String etag) {
    this.value = value;
    this.etag = etag;
  }

  public T value() {
    return value;
  }

  public String etag() {
    return etag;
  }

  @Override
  public String toString() {
    return "Versioned[etag=" + etag + ", " + value + "]";
  }
}
