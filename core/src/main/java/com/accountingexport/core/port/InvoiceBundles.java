package com.accountingexport.core.port;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.booking.Anomaly;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.export.Export;
import com.accountingexport.core.export.ExportFile;
import com.accountingexport.core.export.PdfList;
import com.accountingexport.core.settings.TenantSettings;
import java.util.List;

/**
 * The invoice PDFs of an export and their bundles (issue #8), behind a port so that core stays free
 * of any PDF library: the {@code pdf} module implements it.
 */
public interface InvoiceBundles {
  /** What keeps {@code d} out of an export that builds bundles (no valid upload and no renderable PDF). */
  List<Anomaly> check(TenantId tenant, Document d, TenantSettings s);

  /**
   * Puts the PDF of each of {@code lines} into the export's folder ({@link PdfList#pdfKey}): the
   * document's valid upload, else one rendered from it. Idempotent (the same bytes again).
   */
  void prepare(TenantId tenant, Export export, TenantSettings s, List<PdfList.Line> lines);

  /**
   * Streams the bundles the export asks for ({@code invoices-zip}, {@code invoices-pdf}) from the
   * prepared PDFs, in the order of the list (read once per bundle), and answers the files written.
   */
  List<ExportFile> assemble(TenantId tenant, Export export, PdfList.Source lines);
}
