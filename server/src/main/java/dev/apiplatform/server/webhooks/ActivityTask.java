package dev.apiplatform.server.webhooks;

/** What the agent is asked to do for one new Strava activity. */
public record ActivityTask(String userId, long athleteId, long activityId, long eventTime) {

  /** The effect key: one rename per activity, however often the task is delivered. */
  public String renameKey() {
    return "strava-rename#" + activityId;
  }
}
