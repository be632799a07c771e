package dev.apiplatform.server.config;

/** Deployment stage: prefixes resource names and decides what may be echoed to clients. */
public enum Stage {
  DEV, PROD;

  public String prefix() {
    return name().toLowerCase() + "-";
  }
}
