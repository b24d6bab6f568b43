package com.accountingexport.pdf;

import com.accountingexport.core.export.ExportFiles;
import com.accountingexport.core.port.DocumentRepository;
import com.accountingexport.core.port.InvoiceBundles;
import com.accountingexport.core.port.InvoiceBundlesProvider;
import com.accountingexport.core.service.SettingsService;
import java.time.Duration;

/** Registered in META-INF/services: the export bundles wherever this module is on the class path. */
public final class PdfBundlesProvider implements InvoiceBundlesProvider {
  /** Uploaded PDFs above this size do not count: {@code PDF_MAX_BYTES}, else 10 MiB. */
  public static final long MAX_BYTES = maxBytes(System.getenv("PDF_MAX_BYTES"));

  static long maxBytes(String configured) {
    try {
      return configured == null ? 10L << 20 : Math.max(1024, Long.parseLong(configured.trim()));
    } catch (NumberFormatException e) {
      return 10L << 20;
    }
  }

  @Override
  public InvoiceBundles create(DocumentRepository documents, SettingsService settings, ExportFiles files, Duration linkTtl) {
    return new ExportBundles(documents, new DocumentPdfs(documents, settings, files.store(), linkTtl, MAX_BYTES), files);
  }
}
