package com.accountingexport.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.auth.Caller;
import com.accountingexport.core.auth.Role;
import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.ExportRef;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.export.Download;
import com.accountingexport.core.fakes.InMemoryDocumentRepository;
import com.accountingexport.core.fakes.InMemoryFileStore;
import com.accountingexport.core.fakes.InMemorySettingsRepository;
import com.accountingexport.core.fakes.TestDocuments;
import com.accountingexport.core.service.SettingsService;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Uploaded or rendered: each invoice's own PDF, its checks and its freezing. */
class DocumentPdfsTest {
  static final TenantId T = new TenantId("acme");
  static final Caller USER = new Caller(T, "u1", Role.COMPANY_USER, "u1@acme.test");
  static final Instant NOW = Instant.parse("2026-03-10T10:00:00Z");

  final InMemoryDocumentRepository docs = new InMemoryDocumentRepository();
  final InMemoryFileStore files = new InMemoryFileStore();
  final InMemorySettingsRepository settingsRepo = new InMemorySettingsRepository();
  final DocumentPdfs pdfs = new DocumentPdfs(docs, new SettingsService(settingsRepo), files, Duration.ofMinutes(5), 4096);

  @BeforeEach
  void seed() {
    settingsRepo.save(T, InvoicePdfFixtures.settings(InvoicePdfFixtures.company()));
    docs.upsert(T, InvoicePdfFixtures.b2bInvoice(), NOW);
  }

  String id() {
    return InvoicePdfFixtures.b2bInvoice().id();
  }

  byte[] served(Download d) {
    String key = d.url().substring("memory://".length(), d.url().indexOf('?'));
    return files.bytes(key);
  }

  @Test
  void withoutUpload_theRenderedPdfIsServed_andRenderedOnce() {
    Download first = pdfs.download(USER, id());
    Download again = pdfs.download(USER, id());

    byte[] bytes = served(first);
    assertEquals("%PDF-", new String(bytes, 0, 5, StandardCharsets.US_ASCII));
    assertEquals(first.url(), again.url(), "the same rendered file, kept");
    assertEquals(first.sha256(), again.sha256());
    assertEquals(bytes.length, first.bytes());
    assertTrue(first.fileName().endsWith(".pdf"), first.fileName());
  }

  @Test
  void anUploadedPdf_isServedByteForByte_andBundledInsteadOfARenderedOne() throws Exception {
    DocumentPdfs.UploadLink link = pdfs.uploadLink(USER, id());
    assertEquals(4096, link.maxBytes());
    assertEquals("application/pdf", link.contentType());
    byte[] own = "%PDF-1.4 the platform's own invoice".getBytes(StandardCharsets.US_ASCII);
    files.put(DocumentPdfs.uploadKey(T, id()), own);

    assertArrayEquals(own, served(pdfs.download(USER, id())));
    ByteArrayOutputStream bundled = new ByteArrayOutputStream();
    pdfs.writeTo(T, docs.find(T, id()).orElseThrow().document(), settingsRepo.find(T).orElseThrow(), bundled);
    assertArrayEquals(own, bundled.toByteArray());
  }

  @Test
  void anUploadThatIsNotAPdf_orTooLarge_doesNotCount() throws Exception {
    files.put(DocumentPdfs.uploadKey(T, id()), "<html>not a pdf</html>".getBytes(StandardCharsets.US_ASCII));
    DomainException notPdf = assertThrows(DomainException.class, () -> pdfs.download(USER, id()));
    assertEquals("INVALID_PDF_UPLOAD", notPdf.code());
    assertTrue(notPdf.getMessage().contains("not a PDF"), notPdf.getMessage());
    // the bundles render the document instead
    ByteArrayOutputStream bundled = new ByteArrayOutputStream();
    pdfs.writeTo(T, docs.find(T, id()).orElseThrow().document(), settingsRepo.find(T).orElseThrow(), bundled);
    assertEquals("%PDF-", new String(bundled.toByteArray(), 0, 5, StandardCharsets.US_ASCII));

    byte[] big = new byte[5000];
    System.arraycopy("%PDF-".getBytes(StandardCharsets.US_ASCII), 0, big, 0, 5);
    files.put(DocumentPdfs.uploadKey(T, id()), big);
    DomainException tooLarge = assertThrows(DomainException.class, () -> pdfs.download(USER, id()));
    assertTrue(tooLarge.getMessage().contains("more than the 4096"), tooLarge.getMessage());
  }

  @Test
  void aFrozenDocument_refusesANewUpload_andAPaymentHasNoPdf() {
    docs.markExported(T, id(), new ExportRef("exp-1", "EXP-2026-00001"));
    assertEquals("DOCUMENT_FROZEN", assertThrows(DomainException.class, () -> pdfs.uploadLink(USER, id())).code());

    Document payment = TestDocuments.payment("pay-1", InvoicePdfFixtures.DATE, "120.00", id());
    docs.upsert(T, payment, NOW);
    assertEquals("NO_PDF_FOR_TYPE", assertThrows(DomainException.class, () -> pdfs.download(USER, "pay-1")).code());
    assertEquals("DOCUMENT_NOT_FOUND", assertThrows(DomainException.class, () -> pdfs.download(USER, "nope")).code());
  }

  @Test
  void aFrozenDocument_isServedFromItsExportsCopy_evenIfAnOldLinkUploadedSinceThen() {
    byte[] bundled = "%PDF-1.4 as bundled".getBytes(StandardCharsets.US_ASCII);
    files.put(com.accountingexport.core.export.PdfList.pdfKey(T, "exp-1", id()), bundled);
    docs.markExported(T, id(), new ExportRef("exp-1", "EXP-2026-00001"));
    files.put(DocumentPdfs.uploadKey(T, id()), "%PDF-1.4 uploaded later".getBytes(StandardCharsets.US_ASCII));

    assertArrayEquals(bundled, served(pdfs.download(USER, id())));
  }

  @Test
  void withoutTheSeller_noPdfCanBeRendered_unlessOneWasUploaded() {
    settingsRepo.save(T, InvoicePdfFixtures.settings(null));
    Document invoice = docs.find(T, id()).orElseThrow().document();

    assertEquals("PDF_INCOMPLETE", assertThrows(DomainException.class, () -> pdfs.download(USER, id())).code());
    assertEquals("PDF_INCOMPLETE", pdfs.check(T, invoice, settingsRepo.find(T).orElseThrow()).get(0).code());

    files.put(DocumentPdfs.uploadKey(T, id()), "%PDF-1.7 uploaded".getBytes(StandardCharsets.US_ASCII));
    assertEquals(0, pdfs.check(T, invoice, settingsRepo.find(T).orElseThrow()).size(), "a valid upload is enough");
  }
}
