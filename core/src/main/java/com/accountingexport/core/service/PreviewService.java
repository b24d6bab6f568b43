package com.accountingexport.core.service;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Screen;
import com.accountingexport.core.booking.JournalKind;
import com.accountingexport.core.settings.TenantSettings;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** {@code POST /exports/preview}: what an export would hold, without claiming anything. */
public final class PreviewService {
  private final ExportPlanner planner;
  private final SettingsService settings;
  private final Clock clock;

  public PreviewService(ExportPlanner planner, SettingsService settings, Clock clock) {
    this.planner = planner;
    this.settings = settings;
    this.clock = clock;
  }

  public Preview preview(Caller caller, Selection selection) {
    TenantSettings s = settings.get(caller.tenant());
    Access.require(caller, s, Screen.EXPORTS);
    Plan plan = planner.plan(caller.tenant(), s, selection, LocalDate.now(clock));
    return Preview.of(plan, journalLabels(s));
  }

  public static Map<String, String> journalLabels(TenantSettings s) {
    Map<String, String> labels = new HashMap<>();
    for (JournalKind k : JournalKind.values()) {
      labels.put(s.journalCode(k), k.defaultLabel());
    }
    return labels;
  }
}
