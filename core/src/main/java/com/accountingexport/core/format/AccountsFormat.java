package com.accountingexport.core.format;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;

/**
 * The accounts file of a format: one record per customer or supplier sub-account, in the format's
 * encoding and layout. Rendered at download from the export's stored CSV accounts file (read with
 * {@link AccountsCsv}), so any stored export has it in every format that offers one.
 */
public interface AccountsFormat {
  /** File extension without the dot. */
  String fileExtension();

  /** HTTP content type. */
  String contentType();

  /** {@code <exportNumber>-accounts.<ext>}. */
  default String fileName(ExportContext context) {
    return ExportFormats.safeFilePart(context.exportNumber()) + "-accounts." + fileExtension();
  }

  /** Streams one record per account; flushes, does not close, out. */
  TextChanges write(Iterator<AccountRecord> accounts, OutputStream out) throws IOException;
}
