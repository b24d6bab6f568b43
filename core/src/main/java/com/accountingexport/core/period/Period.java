package com.accountingexport.core.period;

import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.Violation;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;

/** A closed range of dates, {@code from <= to}. */
public record Period(LocalDate from, LocalDate to) {
  /** Longest period a request may name: keeps listing and generation bounded. */
  public static final int MAX_DAYS = 3 * 366;

  public Period {
    if (from == null || to == null) {
      throw new IllegalArgumentException("from and to are required");
    }
    if (from.isAfter(to)) {
      throw DomainException.unprocessable("INVALID_PERIOD", "The period's start is after its end",
          List.of(Violation.of("from", "INVALID_PERIOD", "must not be after to (" + to + ")")));
    }
    if (from.plusDays(MAX_DAYS).isBefore(to)) {
      throw DomainException.unprocessable("PERIOD_TOO_LONG", "A period may span at most three years",
          List.of(Violation.of("to", "PERIOD_TOO_LONG", "must be within " + MAX_DAYS + " days of from")));
    }
  }

  public boolean contains(LocalDate date) {
    return !date.isBefore(from) && !date.isAfter(to);
  }

  /** The fiscal year that contains {@code day}, for a year starting on {@code start}. */
  public static Period fiscalYear(LocalDate day, MonthDay start) {
    LocalDate thisYearStart = start.atYear(day.getYear());
    LocalDate begin = day.isBefore(thisYearStart) ? start.atYear(day.getYear() - 1) : thisYearStart;
    return new Period(begin, begin.plusYears(1).minusDays(1));
  }

  /**
   * The period a request asks for: both bounds given, or the missing ones taken from the fiscal year
   * containing today (or containing the one bound given).
   */
  public static Period resolve(LocalDate from, LocalDate to, LocalDate today, MonthDay fiscalYearStart) {
    if (from != null && to != null) {
      return new Period(from, to);
    }
    LocalDate anchor = from != null ? from : to != null ? to : today;
    Period fy = fiscalYear(anchor, fiscalYearStart);
    return new Period(from != null ? from : fy.from(), to != null ? to : fy.to());
  }
}
