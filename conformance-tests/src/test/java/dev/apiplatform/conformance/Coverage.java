package dev.apiplatform.conformance;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Which operations and documented statuses each target has been exercised with. */
final class Coverage {

  private static final Map<String, Set<String>> OPERATIONS = new ConcurrentHashMap<>();
  private static final Map<String, Set<String>> STATUSES = new ConcurrentHashMap<>();

  private Coverage() {}

  static void record(String target, Bundle.Operation operation, int status) {
    OPERATIONS.computeIfAbsent(target, t -> ConcurrentHashMap.newKeySet()).add(operation.key());
    if (operation.statuses().contains(status)) {
      STATUSES.computeIfAbsent(target, t -> ConcurrentHashMap.newKeySet()).add(operation.key() + " " + status);
    }
  }

  record Report(String target, int exercised, int total, int statusesSeen, int statusesDocumented,
                Set<String> missingOperations, Set<String> missingStatuses) {
    String line() {
      return String.format("[coverage] %s: operations exercised %d/%d, documented status codes seen %d/%d",
          target, exercised, total, statusesSeen, statusesDocumented);
    }
  }

  static Report report(String target, Bundle bundle) {
    Set<String> ops = OPERATIONS.getOrDefault(target, Set.of());
    Set<String> statuses = STATUSES.getOrDefault(target, Set.of());
    Set<String> missingOps = new TreeSet<>();
    Set<String> missingStatuses = new TreeSet<>();
    int documented = 0;
    for (Bundle.Operation op : bundle.operations()) {
      if (!ops.contains(op.key())) missingOps.add(op.key() + " (" + op.operationId() + ")");
      for (int status : op.statuses()) {
        documented++;
        if (!statuses.contains(op.key() + " " + status)) missingStatuses.add(op.key() + " " + status);
      }
    }
    int exercised = bundle.operations().size() - missingOps.size();
    return new Report(target, exercised, bundle.operations().size(), documented - missingStatuses.size(),
        documented, missingOps, missingStatuses);
  }

  static Map<String, Set<String>> snapshot() {
    return new TreeMap<>(OPERATIONS);
  }
}
