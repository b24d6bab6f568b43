package com.accountingexport.core.format;

import com.accountingexport.core.booking.JournalEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * What the fixed-width formats (Sage PNM, Cegid TRA, Quadratus, Ciel XIMPORT) share: pure ASCII
 * (every text through one {@link Text#ascii()}, counted), CRLF, records of one
 * characters filled through one reused {@link FixedRecord}, one piece per entry ({@link Pieces}).
 * A format gives its record width and how one file's records are made.
 */
abstract class FixedWidthWriter implements ExportWriter {
  /** Makes the records of one file, written as the pieces come. */
  @FunctionalInterface
  interface RecordsOfAFile {
    Records create(FixedRecord record, Text text, AsciiSink sink);
  }

  private final int width;
  private final RecordsOfAFile records;

  /**
   * @param width the length of every record
   * @param records the format's records of one file
   */
  FixedWidthWriter(int width, RecordsOfAFile records) {
    this.width = width;
    this.records = records;
  }

  /** Lines written before the first record; none unless the format has a header. */
  void header(AsciiSink sink) throws IOException {}

  @Override
  public String contentType() {
    return "text/plain; charset=US-ASCII";
  }

  @Override
  public Charset charset() {
    return StandardCharsets.US_ASCII;
  }

  @Override
  public final TextChanges write(Iterator<JournalEntry> entries, ExportContext context, OutputStream out)
      throws IOException {
    Text text = Text.ascii();
    AsciiSink sink = new AsciiSink(out);
    header(sink);
    Pieces.walk(entries, records.create(new FixedRecord(width, text), text, sink));
    sink.flush();
    return text.changes();
  }

  /** One file's records: the fields of the current piece are kept (cleaned once) by the subclass. */
  abstract static class Records implements Pieces.Visitor {
    final FixedRecord r;
    final Text text;
    final AsciiSink sink;

    Records(FixedRecord r, Text text, AsciiSink sink) {
      this.r = r;
      this.text = text;
      this.sink = sink;
    }
  }
}
