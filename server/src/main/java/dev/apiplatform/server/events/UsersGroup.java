package dev.apiplatform.server.events;

import dev.apiplatform.server.geo.EventKeys;
import dev.apiplatform.server.platform.ResourceGroup;
import dev.apiplatform.server.platform.Services;
import dev.apiplatform.server.platform.Wiring;
import dev.apiplatform.server.storage.TableDefinition;
import java.util.List;

/**
 * Motion's /users (seed 001): profile and saved events. No table of its own for users (the
 * identity user store holds the list); it reads the events tables, so it declares them too.
 * Lives beside the events group because saving checks and upserts events through its service.
 */
public final class UsersGroup implements ResourceGroup {

  @Override
  public String tag() {
    return "users";
  }

  @Override
  public List<TableDefinition> tables() {
    return List.of(EventKeys.tableDefinition(), TableDefinition.of(EventsGroup.AI_TABLE, "eventId"));
  }

  @Override
  public Wiring wire(Services services) {
    var repository = new DynamoEventsRepository(services.aws().dynamoDb(), services.storage());
    // saving never geocodes: a geocoder that is never asked is never loaded
    EventsService events = new EventsService(repository, null, services.identity().users(), services.clock());
    return Wiring.of(new UsersResource(new SavedEventsService(services.identity().users(), events), events));
  }

}
