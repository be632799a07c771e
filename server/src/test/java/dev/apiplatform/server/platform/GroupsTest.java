package dev.apiplatform.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apiplatform.server.config.ConfigException;
import dev.apiplatform.server.config.Env;
import dev.apiplatform.server.config.Stage;
import dev.apiplatform.server.echoes.EchoesGroup;
import dev.apiplatform.server.healthkit.HealthKitGroup;
import dev.apiplatform.server.http.Contract;
import dev.apiplatform.server.items.ItemsGroup;
import dev.apiplatform.server.offers.OffersGroup;
import dev.apiplatform.server.storage.StorageDefinitions;
import dev.apiplatform.server.storage.TableDefinition;
import dev.apiplatform.server.system.SystemGroup;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GroupsTest {

  @Test
  void everyContractTag_isServedByExactlyOneGroup() {
    List<String> tags = Groups.all().stream().map(ResourceGroup::tag).toList();
    assertThat(tags).doesNotHaveDuplicates();
    assertThat(tags).containsExactlyInAnyOrderElementsOf(Contract.load().tags());
  }

  @Test
  void storage_mergesATableTwoGroupsDeclare_andKeepsTheCoreTables() {
    StorageDefinitions storage = Groups.storage(Stage.DEV, "test", List.of(new ItemsGroup(), new OffersGroup()));
    List<String> names = storage.tables().stream().map(TableDefinition::name).toList();
    assertThat(names).doesNotHaveDuplicates()
        .contains(StorageDefinitions.USERS_TABLE, StorageDefinitions.IDEMPOTENCY_TABLE,
            StorageDefinitions.ITEMS_TABLE, StorageDefinitions.OFFERS_TABLE)
        .doesNotContain(StorageDefinitions.ECHOES_TABLE);
    assertThat(storage.buckets()).isEmpty();
  }

  @Test
  void storage_refusesOneTableDeclaredTwiceDifferently() {
    ResourceGroup other = new ResourceGroup() {
      @Override
      public String tag() {
        return "other";
      }

      @Override
      public List<TableDefinition> tables() {
        return List.of(TableDefinition.of(StorageDefinitions.ITEMS_TABLE, "another_key"));
      }

      @Override
      public Wiring wire(Services services) {
        return Wiring.of();
      }
    };
    assertThatThrownBy(() -> Groups.storage(Stage.DEV, "test", List.of(new ItemsGroup(), other)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(StorageDefinitions.ITEMS_TABLE);
  }

  @Test
  void groupSections_nameTheirVariableWhenInvalid() {
    assertThatThrownBy(() -> new EchoesGroup().configure(new Env(Map.of("MAX_AUDIO_FILE_SIZE", "0"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("MAX_AUDIO_FILE_SIZE");
    assertThatThrownBy(() -> new SystemGroup().configure(new Env(Map.of("HEALTH_PROBE_TIMEOUT_MS", "soon"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("HEALTH_PROBE_TIMEOUT_MS");
  }

  @Test
  void buckets_areDeclaredOnceEvenWhenTwoGroupsNeedThem() {
    StorageDefinitions storage = Groups.storage(Stage.DEV, "test", Groups.all());
    // echoes and offers share the media bucket; HealthKit exports have one of their own
    assertThat(storage.buckets()).containsExactly(StorageDefinitions.MEDIA_BUCKET, HealthKitGroup.BUCKET);
    assertThat(storage.tables().stream().collect(Collectors.groupingBy(TableDefinition::name, Collectors.counting())))
        .allSatisfy((name, count) -> assertThat(count).isEqualTo(1));
  }
}
