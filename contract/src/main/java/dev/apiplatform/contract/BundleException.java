package dev.apiplatform.contract;

/** The contract cannot be bundled; the message names the file and the rule broken. */
public final class BundleException extends RuntimeException {
  public BundleException(String message) {
    super(message);
  }
}
