package dev.apiplatform.server.queue;

import dev.apiplatform.server.config.Stage;

/** Physical queue names: prefixed by stage like tables ({@code dev-notifications}). */
public record QueueNames(Stage stage) {

  public String physical(String logicalName) {
    return stage.prefix() + logicalName;
  }
}
