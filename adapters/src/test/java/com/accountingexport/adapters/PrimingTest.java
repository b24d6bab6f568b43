package com.accountingexport.adapters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.fakes.InMemoryDocumentRepository;
import com.accountingexport.core.fakes.InMemoryExportRepository;
import com.accountingexport.core.fakes.InMemoryFileStore;
import com.accountingexport.core.port.SettingsRepository;
import com.accountingexport.core.settings.TenantSettings;
import java.lang.reflect.Constructor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrimingTest {
  @Test
  void beforeCheckpoint_shouldReadOnlyTheNeverExistingPrimeTenant() throws Exception {
    List<String> calls = new ArrayList<>();
    SettingsRepository counting = new SettingsRepository() {
      @Override
      public Optional<TenantSettings> find(TenantId tenant) {
        calls.add("find " + tenant.value());
        return Optional.empty();
      }

      @Override
      public void save(TenantId tenant, TenantSettings settings) {
        calls.add("save " + tenant.value());
      }

      @Override
      public List<TenantId> autoExportTenants(int dayOfMonth) {
        calls.add("autoExportTenants " + dayOfMonth);
        return List.of();
      }
    };
    InMemoryDocumentRepository docs = new InMemoryDocumentRepository();
    Wiring wiring = new Wiring(null, Config.from(Map.of()), Clock.systemUTC(), () -> "x", docs, counting,
        new InMemoryExportRepository(docs), new InMemoryFileStore());
    Constructor<Priming> c = Priming.class.getDeclaredConstructor(Wiring.class);
    c.setAccessible(true);
    c.newInstance(wiring).beforeCheckpoint(null);
    assertEquals(List.of("find snapstart-prime"), calls);
  }
}
