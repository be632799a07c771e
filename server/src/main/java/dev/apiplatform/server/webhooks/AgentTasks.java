package dev.apiplatform.server.webhooks;

/**
 * Where the webhook hands a new activity to the agent: the platform's durable job queue. Returns
 * only once the task is stored durably (the webhook answers 200 after it).
 */
@FunctionalInterface
public interface AgentTasks {
  void submit(ActivityTask task);
}
