package com.accountingexport.core.format;

import com.accountingexport.core.booking.JournalEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;

/**
 * One export file format. A new format is one implementation plus one line in {@link ExportFormats}.
 * Implementations are stateless and thread-safe: every call to {@link #write} keeps its own state.
 */
public interface ExportWriter {
  /** Stable id used by the API: {@code "fec"}, {@code "fec-pipe"}, {@code "csv"}, {@code "centralised-csv"}. */
  String id();

  /** One sentence for the README and API errors. */
  String description();

  /** File extension without the dot: {@code "txt"}, {@code "csv"}. */
  String fileExtension();

  /** HTTP content type, charset included. */
  String contentType();

  /**
   * Streams the entries, in the order given, to out; never holds the whole file in memory. Flushes
   * {@code out} at the end but does not close it: the caller owns the stream.
   */
  void write(Iterator<JournalEntry> entries, ExportContext context, OutputStream out) throws IOException;

  /** Whether it writes lettering ({@link ExportContext#letters()}): the caller then computes it first. */
  default boolean lettered() {
    return false;
  }
}
