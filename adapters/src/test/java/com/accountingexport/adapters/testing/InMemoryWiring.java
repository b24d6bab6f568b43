package com.accountingexport.adapters.testing;

import com.accountingexport.core.export.ExportNotifier;
import com.accountingexport.core.port.WorkflowStarter;
import com.accountingexport.adapters.Config;
import com.accountingexport.adapters.Wiring;
import com.accountingexport.core.fakes.InMemoryDocumentRepository;
import com.accountingexport.core.fakes.InMemoryExportRepository;
import com.accountingexport.core.fakes.InMemoryExportTemplates;
import com.accountingexport.core.fakes.InMemoryFileStore;
import com.accountingexport.core.fakes.InMemorySettingsRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A Wiring over in-memory ports and a fixed clock (2026-06-15), for pure handler tests. */
public final class InMemoryWiring {
  public static final Instant NOW = Instant.parse("2026-06-15T10:00:00Z");

  private InMemoryWiring() {}

  public static Wiring create() {
    return create(null, ExportNotifier.NONE);
  }

  /** The same with a background workflow (a recording starter, say) and a notifier. */
  public static Wiring create(WorkflowStarter workflows, ExportNotifier notifier) {
    AtomicLong seq = new AtomicLong();
    InMemoryDocumentRepository documents = new InMemoryDocumentRepository();
    return new Wiring(null, Config.from(Map.of()), Clock.fixed(NOW, ZoneOffset.UTC),
        () -> "id-" + seq.incrementAndGet(), documents, new InMemorySettingsRepository(),
        new InMemoryExportRepository(documents), new InMemoryFileStore(), workflows, notifier,
        new InMemoryExportTemplates(), new com.accountingexport.core.fakes.InMemoryWebhooks());
  }
}
