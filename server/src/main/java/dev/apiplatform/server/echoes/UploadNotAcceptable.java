package dev.apiplatform.server.echoes;

import dev.apiplatform.server.domain.DomainException;

/** The object uploaded to the presigned URL is not what was declared (type, size). */
public final class UploadNotAcceptable extends DomainException {

  public UploadNotAcceptable(String detail) {
    super(detail);
  }
}
