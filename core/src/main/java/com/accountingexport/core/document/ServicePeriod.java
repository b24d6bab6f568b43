package com.accountingexport.core.document;

import java.time.LocalDate;

public record ServicePeriod(LocalDate from, LocalDate to) {}
