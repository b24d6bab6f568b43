package com.accountingexport.core.format;

import com.accountingexport.core.booking.JournalEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Optional;

/**
 * One export file format, a plug-in: a new format is one implementation plus one line in
 * {@link ExportFormats}. It declares how its file is laid out (encoding, separator, decimal mark,
 * date pattern, line ending, file name) so that {@code GET /formats}, the README and the tests read
 * the same facts. Implementations are stateless and thread-safe: every call to {@link #write} keeps
 * its own state.
 */
public interface ExportWriter {
  /** Stable id used by the API: {@code "fec"}, {@code "sage-pnm"}, a template id… */
  String id();

  /** One sentence for the README, {@code GET /formats} and API errors. */
  String description();

  /** File extension without the dot: {@code "txt"}, {@code "csv"}. */
  String fileExtension();

  /** HTTP content type, charset included for text. */
  String contentType();

  /** The file's encoding (for XLSX, the encoding of its XML parts). */
  default Charset charset() {
    return StandardCharsets.UTF_8;
  }

  /** The field separator, or null for fixed-width records and spreadsheets. */
  default String separator() {
    return null;
  }

  /** The decimal mark of amounts ({@code '.'} or {@code ','}); for cents formats the mark they would use. */
  default char decimalMark() {
    return '.';
  }

  /** The pattern of the entry date in {@link java.time.format.DateTimeFormatter} syntax. */
  String datePattern();

  /** The line ending: {@code "\r\n"} for every format the service writes. */
  default String lineEnding() {
    return "\r\n";
  }

  /** Whether the file is binary (XLSX): no text sample, no charset in the content type. */
  default boolean binary() {
    return false;
  }

  /** The name a user's browser saves: {@code <exportNumber>-journal.<ext>} unless the format says otherwise. */
  default String fileName(ExportContext context) {
    return ExportFormats.safeFilePart(context.exportNumber()) + "-journal." + fileExtension();
  }

  /**
   * A tag that changes whenever the layout of this id changes (a user template's version), so that a
   * file rendered with an older layout is rendered again; empty for the built-in formats.
   */
  default String revision() {
    return "";
  }

  /**
   * Streams the entries, in the order given, to out; never holds the whole file in memory. Flushes
   * {@code out} at the end but does not close it: the caller owns the stream.
   *
   * @return what the format had to transliterate or cut (counted, never silent)
   */
  TextChanges write(Iterator<JournalEntry> entries, ExportContext context, OutputStream out) throws IOException;

  /** Whether it writes lettering ({@link ExportContext#letters()}): the caller then computes it first. */
  default boolean lettered() {
    return false;
  }

  /** The accounts file (customers and suppliers) in this format's conventions, when the format has one. */
  default Optional<AccountsFormat> accounts() {
    return Optional.empty();
  }
}
