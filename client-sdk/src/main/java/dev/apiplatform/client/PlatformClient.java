package dev.apiplatform.client;

import java.net.URI;

/**
 * The former entry point, kept so code written against it (the conformance tests) still
 * compiles. New code: {@link dev.apiplatform.sdk.PlatformClient#builder(URI)}.
 *
 * @deprecated use {@link dev.apiplatform.sdk.PlatformClient}
 */
@Deprecated
public final class PlatformClient {
  private PlatformClient() {
  }

  /** The generated client of a default {@link dev.apiplatform.sdk.PlatformClient}, no session. */
  public static ApiClient create(URI baseUri) {
    return dev.apiplatform.sdk.PlatformClient.builder(baseUri).build().apiClient();
  }
}
