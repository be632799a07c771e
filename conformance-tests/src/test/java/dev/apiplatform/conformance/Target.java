package dev.apiplatform.conformance;

import java.util.Map;

/**
 * The two things every group suite runs against. On the server a scenario produces its status
 * itself (a taken id, a wrong password); the mock only serves the contract's examples, so it is
 * told which documented status to answer with {@code Prefer: code=NNN}.
 */
enum Target {
  SERVER(Targets.SERVER) {
    @Override
    Map<String, String> producing(int status) {
      return Map.of();
    }
  },
  MOCK(Targets.MOCK) {
    @Override
    Map<String, String> producing(int status) {
      return Map.of("Prefer", "code=" + status);
    }
  };

  private final String id;

  Target(String id) {
    this.id = id;
  }

  /** The client of this target; its exchanges count towards this target's coverage line. */
  ContractClient client() {
    return Targets.client(id);
  }

  /** Headers for a request that should be answered with {@code status} (see the class comment). */
  abstract Map<String, String> producing(int status);

  @Override
  public String toString() {
    return id; // the invocation's display name: ItemsGroupTest [server]
  }
}
