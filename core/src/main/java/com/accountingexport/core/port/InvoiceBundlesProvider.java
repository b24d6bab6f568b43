package com.accountingexport.core.port;

import com.accountingexport.core.export.ExportFiles;
import com.accountingexport.core.service.SettingsService;
import java.time.Duration;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Makes the {@link InvoiceBundles} of the {@code pdf} module when it is on the class path
 * (java.util.ServiceLoader): the functions that build bundles carry it (and downloads, for PDF
 * reports), the others (settings, cancel) stay free of any PDF library.
 */
public interface InvoiceBundlesProvider {
  InvoiceBundles create(DocumentRepository documents, SettingsService settings, ExportFiles files, Duration linkTtl);

  /** The bundles of the first provider found, or empty when no PDF module is present. */
  static Optional<InvoiceBundles> load(DocumentRepository documents, SettingsService settings, ExportFiles files,
      Duration linkTtl) {
    return ServiceLoader.load(InvoiceBundlesProvider.class).findFirst()
        .map(p -> p.create(documents, settings, files, linkTtl));
  }
}
