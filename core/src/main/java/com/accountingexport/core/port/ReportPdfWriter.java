package com.accountingexport.core.port;

import com.accountingexport.core.report.ReportTable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Writes a report as a PDF. Implemented by the {@code pdf} module and found through
 * {@link ServiceLoader}, so that core carries no PDF library; absent, {@code ?format=pdf} answers 422.
 */
public interface ReportPdfWriter {
  /** Streams the report as a PDF (pages go out as they fill); does not close {@code out}. */
  void write(ReportTable table, OutputStream out) throws IOException;

  /** The writer of the first provider found. */
  static Optional<ReportPdfWriter> load() {
    return Holder.WRITER;
  }

  /** Looked up once. */
  final class Holder {
    private static final Optional<ReportPdfWriter> WRITER = ServiceLoader.load(ReportPdfWriter.class).findFirst();

    private Holder() {}
  }
}
