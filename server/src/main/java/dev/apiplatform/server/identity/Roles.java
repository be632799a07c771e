package dev.apiplatform.server.identity;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Seed 003's roles and the permissions each carries into the access token. */
public final class Roles {

  public static final String DEFAULT = "PATIENT";

  private static final Map<String, List<String>> PERMISSIONS = Map.of(
      "PATIENT", List.of("read_own_data", "write_own_data"),
      "CLINICIAN", List.of("read_own_data", "write_own_data", "read_patient_data"),
      "RESEARCHER", List.of("read_own_data", "write_own_data", "read_anonymized_data"),
      "ADMIN", List.of("read_own_data", "write_own_data", "read_patient_data", "read_anonymized_data", "manage_users"));

  private Roles() {}

  public static Set<String> permissions(String role) {
    return new LinkedHashSet<>(PERMISSIONS.getOrDefault(role, PERMISSIONS.get(DEFAULT)));
  }
}
