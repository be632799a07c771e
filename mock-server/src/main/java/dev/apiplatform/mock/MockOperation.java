package dev.apiplatform.mock;

import java.util.List;
import java.util.Map;

/**
 * Everything the dispatcher needs about one operation, computed at start.
 *
 * @param keys documented response keys in document order
 * @param responses canned response per key
 * @param defaultKey the key served without preferences (first 2xx, else 2XX, default, first)
 * @param bearer whether the operation's security requires {@code bearerAuth}
 * @param invalidStatus status of a validation failure: 400 if documented, else 422 if
 *     documented, else 400
 * @param mediaTypeStatus status of an unsupported request media type: 415 if documented, else
 *     {@link #invalidStatus}
 * @param requestMediaTypes the request body's documented media types (empty: no body documented)
 * @param hasInputs whether the operation declares parameters or a body: without either there is
 *     nothing the validator could refuse (unknown query parameters are allowed), so it is skipped
 */
record MockOperation(String method, String path, String operationId, List<String> keys,
    Map<String, CannedResponse> responses, String defaultKey, boolean bearer, int invalidStatus,
    int mediaTypeStatus, List<String> requestMediaTypes, boolean hasInputs) {

  String label() {
    return method + " " + path;
  }

  /** The response documented for {@code code}: exact key, then its range ({@code 4XX}), then {@code default}. */
  CannedResponse responseFor(int code) {
    CannedResponse exact = responses.get(Integer.toString(code));
    if (exact != null) {
      return exact;
    }
    String range = (code / 100) + "XX";
    for (Map.Entry<String, CannedResponse> e : responses.entrySet()) {
      if (e.getKey().equalsIgnoreCase(range)) {
        return e.getValue();
      }
    }
    return responses.get("default");
  }

  CannedResponse defaultResponse() {
    return responses.get(defaultKey);
  }
}
