package com.accountingexport.core.format;

import com.accountingexport.core.booking.JournalEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;

/** Temporary stub until the formats land. */
public interface ExportWriter {
  String id();

  String description();

  String fileExtension();

  String contentType();

  void write(Iterator<JournalEntry> entries, ExportContext context, OutputStream out) throws IOException;
}
