package com.accountingexport.core.format;

import java.time.LocalDate;

/** Temporary stub until the formats land. */
public record ExportContext(String exportNumber, LocalDate validationDate, String siren, LocalDate periodEnd) {}
