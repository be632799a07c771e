package dev.apiplatform.server.system;

/** One real call to one dependency; throws when the dependency does not answer properly. */
public interface DependencyProbe {

  /** The dependency's name as the contract lists it ({@code dynamodb}, {@code s3}). */
  String name();

  void probe() throws Exception;
}
