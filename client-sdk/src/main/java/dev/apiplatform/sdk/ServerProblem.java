package dev.apiplatform.sdk;

import java.util.List;
import java.util.Map;

/** 5xx: the server failed; {@code extensions().get("error_id")} is in the server log. */
public class ServerProblem extends ProblemException {
  public ServerProblem(int status, Map<String, List<String>> headers, String body, Details details) {
    super(status, headers, body, details);
  }
}
