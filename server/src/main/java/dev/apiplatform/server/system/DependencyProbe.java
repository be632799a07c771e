package dev.apiplatform.server.system;

/** One real call to one dependency; throws when the dependency does not answer properly. */
public interface DependencyProbe {

  /** The dependency's name as the contract lists it ({@code dynamodb}, {@code s3}). */
  String name();

  /** Throws {@link Failure} with a short reason when it can tell one; anything else reads "error". */
  void probe() throws Exception;

  /** A failed probe with a short, non-sensitive reason (an error code, "timeout"): no endpoints. */
  final class Failure extends Exception {
    public Failure(String reason) {
      super(reason, null, false, false);
    }
  }
}
