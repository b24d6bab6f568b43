package com.accountingexport.core.settings;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The monthly export of a tenant (setting {@code autoExport}): on {@code dayOfMonth} the daily
 * schedule exports the previous calendar month. A day beyond a month's last day runs on its last
 * day (31 runs on 30 June, on 28 or 29 February).
 *
 * @param enabled whether the schedule exports this tenant at all
 * @param dayOfMonth 1 to 31
 * @param journals the tenant's journal codes to export; empty = every journal
 * @param format an export format id; null = the tenant's {@code defaultFormat} when it runs
 */
public record AutoExport(boolean enabled, int dayOfMonth, List<String> journals, String format) {
  public static final int DEFAULT_DAY = 1;
  public static final int LAST_DAY = 31;
  /** What a tenant that never set {@code autoExport} has: nothing runs. */
  public static final AutoExport DISABLED = new AutoExport(false, DEFAULT_DAY, List.of(), null);

  public AutoExport {
    if (dayOfMonth < 1 || dayOfMonth > LAST_DAY) {
      throw new IllegalArgumentException("dayOfMonth must be 1 to 31, got " + dayOfMonth);
    }
    journals = journals == null ? List.of() : List.copyOf(journals);
  }

  /** The day of {@code month} it runs on: {@code dayOfMonth}, or the month's last day when the month is shorter. */
  public LocalDate runDate(YearMonth month) {
    return month.atDay(Math.min(dayOfMonth, month.lengthOfMonth()));
  }

  /** True when enabled and {@code day} is its run date in {@code day}'s month. */
  public boolean runsOn(LocalDate day) {
    return enabled && runDate(YearMonth.from(day)).equals(day);
  }

  /**
   * The {@code dayOfMonth} values that run on {@code day}: the day itself and, on the last day of a
   * month, every later day up to 31.
   */
  public static List<Integer> daysRunningOn(LocalDate day) {
    List<Integer> days = new ArrayList<>();
    days.add(day.getDayOfMonth());
    if (day.getDayOfMonth() == day.lengthOfMonth()) {
      for (int d = day.getDayOfMonth() + 1; d <= LAST_DAY; d++) {
        days.add(d);
      }
    }
    return days;
  }

  /** The month a run on {@code day} exports: the previous calendar month. */
  public static YearMonth monthExportedOn(LocalDate day) {
    return YearMonth.from(day).minusMonths(1);
  }
}
