package com.accountingexport.pdf;

import static com.accountingexport.pdf.FrenchFormat.printable;

import com.accountingexport.core.booking.Anomaly;
import com.accountingexport.core.booking.AnomalyCode;
import com.accountingexport.core.document.Address;
import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentLine;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.document.ServicePeriod;
import com.accountingexport.core.document.Totals;
import com.accountingexport.core.settings.Company;
import com.accountingexport.core.settings.Invoicing;
import com.accountingexport.core.settings.TenantSettings;
import com.accountingexport.core.settings.VatRegime;
import com.lowagie.text.Chunk;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfDate;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfString;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders the PDF of an invoice, credit note or deposit invoice from the document and the tenant's
 * settings, with the mentions French law requires (CGI art. 242 nonies A ann. II, C. com. L441-9 and
 * L441-10): the seller's identity, the buyer's, number and dates, each line with its VAT rate and
 * amounts, the VAT per rate, the totals, the due date, the late-payment penalties, the €40 recovery
 * indemnity for businesses and the VAT mentions (franchise, reverse charge, exemptions, the debits
 * option).
 *
 * <p>{@link #check} says what keeps a document from its PDF (one {@link AnomalyCode#PDF_INCOMPLETE}
 * naming every missing item): a missing item is never printed blank. {@link #render} is
 * deterministic: the same document and settings give the same bytes (metadata dated at the
 * document's date, fixed producer, a file identifier derived from the content, standard fonts that
 * are not embedded), so a re-export never changes a file an accountant already has.
 *
 * <p>Stateless and thread-safe: the only shared state is the fonts, built once and only read.
 */
public final class InvoicePdf {
  /** The Producer of every rendered PDF (fixed: no library version, no date). */
  public static final String PRODUCER = "accounting-export";
  /** The Creator of every rendered PDF. */
  public static final String CREATOR = "accounting-export invoice renderer";

  /** EU member states (ISO 3166 codes; Greece's VAT numbers start with EL). */
  private static final Set<String> EU = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR",
      "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK");

  private static final BaseFont REGULAR = standardFont(BaseFont.HELVETICA);
  private static final BaseFont BOLD = standardFont(BaseFont.HELVETICA_BOLD);
  private static final Color GREY = new Color(0x55, 0x55, 0x55);
  private static final Color HEAD_BG = new Color(0xe8, 0xe8, 0xe8);
  private static final Font TEXT = new Font(REGULAR, 9);
  private static final Font TEXT_BOLD = new Font(BOLD, 9);
  private static final Font SMALL = new Font(REGULAR, 7.5f, Font.NORMAL, GREY);
  private static final Font SELLER = new Font(BOLD, 12);
  private static final Font TITLE = new Font(BOLD, 18);
  private static final Font HEAD = new Font(BOLD, 8);

  private static final float MARGIN = 40;
  private static final float FOOTER_SPACE = 60;
  /** A larger logo is scaled down to fit this box (points); a smaller one keeps its size. */
  private static final float LOGO_WIDTH = 150;
  private static final float LOGO_HEIGHT = 60;

  private InvoicePdf() {}

  /** Only invoices, credit notes and deposit invoices have a PDF. */
  public static boolean hasPdf(DocumentType type) {
    return type == DocumentType.INVOICE || type == DocumentType.CREDIT_NOTE || type == DocumentType.DEPOSIT_INVOICE;
  }

  /**
   * What keeps {@code d} from its PDF: empty when it can be rendered, else one
   * {@link AnomalyCode#PDF_INCOMPLETE} whose message names every missing item.
   *
   * @param corrected the invoice a credit note corrects; null when unknown or not a credit note
   */
  public static List<Anomaly> check(Document d, TenantSettings s, Document corrected) {
    return inspect(d, s, corrected).anomalies();
  }

  /**
   * Writes the PDF of {@code d} to {@code out} (A4, French). The stream is not closed.
   *
   * @param corrected the invoice a credit note corrects; null when not a credit note
   * @throws IllegalArgumentException when {@link #check} is not empty (the message holds its messages)
   * @throws UncheckedIOException when {@code out} fails
   */
  public static void render(Document d, TenantSettings s, Document corrected, OutputStream out) {
    Inspection inspection = inspect(d, s, corrected);
    if (!inspection.anomalies().isEmpty()) {
      throw new IllegalArgumentException(
          inspection.anomalies().stream().map(Anomaly::message).collect(Collectors.joining(" ")));
    }
    byte[] pdf = new Layout(d, s, corrected, inspection.logo()).write();
    try {
      out.write(pdf);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Adds the pages of {@code d} to an open OpenPDF document that holds others (from a new page, the
   * same content as {@link #render} without its footer): what writing many invoices into one file
   * directly costs, the benchmark's baseline for the merged bundle.
   *
   * @throws IllegalArgumentException when {@link #check} is not empty
   */
  public static void addTo(com.lowagie.text.Document pdf, Document d, TenantSettings s, Document corrected) {
    Inspection inspection = inspect(d, s, corrected);
    if (!inspection.anomalies().isEmpty()) {
      throw new IllegalArgumentException(
          inspection.anomalies().stream().map(Anomaly::message).collect(Collectors.joining(" ")));
    }
    new Layout(d, s, corrected, inspection.logo()).addTo(pdf);
  }

  // ---------------------------------------------------------------- what the document needs

  /** The anomalies, and the decoded logo (this call's own: OpenPDF images are not shared between renderings). */
  private record Inspection(List<Anomaly> anomalies, Image logo) {}

  private static Inspection inspect(Document d, TenantSettings s, Document corrected) {
    String what = d == null || d.type() == null ? "Document" : capitalize(d.type().wire().replace('_', ' '));
    String ref = d == null ? "" : " " + d.pieceRef();
    if (d == null || !hasPdf(d.type())) {
      return new Inspection(List.of(Anomaly.of(AnomalyCode.PDF_INCOMPLETE,
          what + ref + ": only invoices, credit notes and deposit invoices have a PDF.")), null);
    }
    List<String> missing = new ArrayList<>();
    Company seller = seller(s);
    Image logo = null;
    if (seller == null) {
      missing.add("the seller (settings company)");
    } else {
      if (blank(seller.name())) {
        missing.add("the seller's name");
      }
      if (!complete(seller.address())) {
        missing.add("the seller's address");
      }
      if (blank(sellerSiren(seller, s))) {
        missing.add("the seller's SIREN");
      }
      if (blank(seller.vatNumber()) && (vatCharged(d) || euBusinessAbroad(d.counterparty()))) {
        missing.add("the seller's VAT number");
      }
      if (!blank(seller.logo())) {
        logo = decodeLogo(seller.logo());
        if (logo == null) {
          missing.add("a logo that decodes (base64 PNG or JPEG)");
        }
      }
    }
    if (blank(d.number())) {
      missing.add("the number");
    }
    if (d.date() == null) {
      missing.add("the issue date");
    }
    Counterparty buyer = d.counterparty();
    if (buyer == null) {
      missing.add("the buyer");
    } else {
      if (blank(buyer.name())) {
        missing.add("the buyer's name");
      }
      if (!complete(buyer.billingAddress())) {
        missing.add("the buyer's address");
      }
    }
    if (d.lines().isEmpty()) {
      missing.add("its lines");
    }
    for (int i = 0; i < d.lines().size(); i++) {
      DocumentLine l = d.lines().get(i);
      if (blank(l.label())) {
        missing.add("the label of line " + (i + 1));
      }
      if (l.netAmount() == null || l.vatRate() == null || l.vatAmount() == null) {
        missing.add("the net amount, VAT rate and VAT of line " + (i + 1));
      }
    }
    Totals t = d.totals();
    if (t == null || t.net() == null || t.vat() == null || t.gross() == null) {
      missing.add("its totals");
    }
    if (d.type() == DocumentType.CREDIT_NOTE) {
      if (corrected == null || blank(corrected.number())) {
        missing.add("the number of the invoice it corrects");
      }
      if (corrected == null || corrected.date() == null) {
        missing.add("the date of the invoice it corrects");
      }
    }
    if (missing.isEmpty()) {
      return new Inspection(List.of(), logo);
    }
    return new Inspection(List.of(Anomaly.of(AnomalyCode.PDF_INCOMPLETE,
        what + ref + ": its PDF cannot be rendered without " + String.join(", ", missing) + ".")), null);
  }

  /** The base64 PNG or JPEG as an OpenPDF image, else null. */
  private static Image decodeLogo(String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return null;
    }
    boolean png = bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
    boolean jpeg = bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8;
    if (!png && !jpeg) {
      return null;
    }
    try {
      return Image.getInstance(bytes);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- which mentions apply

  private static Company seller(TenantSettings s) {
    return s == null ? null : s.invoicing().company();
  }

  /** The company's SIREN, else the first nine digits of its SIRET, else the tenant's SIREN (its FEC's). */
  private static String sellerSiren(Company c, TenantSettings s) {
    if (!blank(c.siren())) {
      return c.siren().trim();
    }
    String digits = c.siret() == null ? "" : c.siret().replaceAll("\\D", "");
    if (digits.length() >= 9) {
      return digits.substring(0, 9);
    }
    return s == null || blank(s.siren()) ? null : s.siren().trim();
  }

  /**
   * A buyer's SIREN: the first nine digits of its SIRET, else the nine digits a French VAT number
   * ends with ({@code FR} + two-character key + SIREN); null when neither gives one.
   */
  static String buyerSiren(Counterparty c) {
    String siret = c.siret() == null ? "" : c.siret().replaceAll("\\s", "");
    if (siret.length() >= 9 && siret.substring(0, 9).chars().allMatch(Character::isDigit)) {
      return siret.substring(0, 9);
    }
    String vat = c.vatNumber() == null ? "" : c.vatNumber().replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    if (vat.length() == 13 && vat.startsWith("FR") && vat.substring(4).chars().allMatch(Character::isDigit)) {
      return vat.substring(4);
    }
    return null;
  }

  /** A business buyer (it has a SIRET or a VAT number): the €40 indemnity applies. */
  static boolean isBusiness(Counterparty c) {
    return c != null && (!blank(c.siret()) || !blank(c.vatNumber()));
  }

  /** Whether any VAT is charged: a line at a non-zero rate or with VAT, or VAT in the totals. */
  static boolean vatCharged(Document d) {
    for (DocumentLine l : d.lines()) {
      if (nonZero(l.vatRate()) || nonZero(l.vatAmount())) {
        return true;
      }
    }
    return d.totals() != null && nonZero(d.totals().vat());
  }

  /** Booking treats a line without a kind as services (ACCOUNTING.md §2); so does the PDF. */
  private static boolean isServices(DocumentLine l) {
    return l.kind() != LineKind.GOODS;
  }

  private static boolean zeroRated(DocumentLine l) {
    return l.vatRate() != null && l.vatRate().signum() == 0;
  }

  /** The buyer's country: its own code, else its billing address's, else its VAT number's prefix. */
  private static String country(Counterparty c) {
    String code = c.countryCode();
    if (blank(code) && c.billingAddress() != null) {
      code = c.billingAddress().countryCode();
    }
    if (blank(code) && !blank(c.vatNumber()) && c.vatNumber().trim().length() > 2) {
      code = c.vatNumber().trim().substring(0, 2);
    }
    if (blank(code)) {
      return null;
    }
    code = code.trim().toUpperCase(Locale.ROOT);
    return "EL".equals(code) ? "GR" : code;
  }

  /** A business with a VAT number in another EU member state. */
  private static boolean euBusinessAbroad(Counterparty c) {
    if (c == null || blank(c.vatNumber())) {
      return false;
    }
    String country = country(c);
    return country != null && EU.contains(country) && !"FR".equals(country);
  }

  /** A buyer outside the EU (its country is known). */
  private static boolean outsideEu(Counterparty c) {
    String country = c == null ? null : country(c);
    return country != null && !EU.contains(country) && !"MC".equals(country);
  }

  /** The VAT sentences this document carries, in print order. */
  static List<String> vatMentions(Document d, TenantSettings s) {
    List<String> out = new ArrayList<>();
    Company seller = seller(s);
    boolean franchise = !vatCharged(d) && seller != null && blank(seller.vatNumber());
    if (franchise) {
      out.add("TVA non applicable, art. 293 B du CGI");
      return out;
    }
    Counterparty buyer = d.counterparty();
    boolean zeroServices = d.lines().stream().anyMatch(l -> zeroRated(l) && isServices(l));
    boolean zeroGoods = d.lines().stream().anyMatch(l -> zeroRated(l) && !isServices(l));
    if (euBusinessAbroad(buyer)) {
      if (zeroServices) {
        out.add("Autoliquidation");
      }
      if (zeroGoods) {
        out.add("Exonération de TVA, art. 262 ter I du CGI");
      }
    } else if (zeroGoods && outsideEu(buyer)) {
      out.add("Exonération de TVA, art. 262 I du CGI");
    }
    boolean taxedServices = d.lines().stream().anyMatch(l -> isServices(l) && nonZero(l.vatRate()));
    if (s != null && s.vatRegimeServices() == VatRegime.DEBITS && taxedServices) {
      out.add("Option pour le paiement de la taxe d'après les débits");
    }
    return out;
  }

  // ---------------------------------------------------------------- the page

  /** One rendering: everything it builds is its own. */
  private static final class Layout {
    private final Document d;
    private final TenantSettings s;
    private final Company seller;
    private final Document corrected;
    private final Image logo;
    private final String currency;

    Layout(Document d, TenantSettings s, Document corrected, Image logo) {
      this.d = d;
      this.s = s;
      this.seller = seller(s);
      this.corrected = corrected;
      this.logo = logo;
      this.currency = d.currency();
    }

    byte[] write() {
      ByteArrayOutputStream buf = new ByteArrayOutputStream(24 * 1024);
      com.lowagie.text.Document pdf = new com.lowagie.text.Document(PageSize.A4, MARGIN, MARGIN, MARGIN, FOOTER_SPACE);
      try {
        PdfWriter writer = PdfWriter.getInstance(pdf, buf);
        writer.setPageEvent(new Footer(footerLeft(), title() + " " + d.number()));
        pdf.addTitle(printable(title() + " " + d.number()));
        pdf.addAuthor(printable(seller.name()));
        pdf.addCreator(CREATOR);
        pdf.open();
        content(pdf);
        PdfDate date = pdfDate(d.date());
        writer.getInfo().put(PdfName.PRODUCER, new PdfString(PRODUCER));
        writer.getInfo().put(PdfName.CREATOR, new PdfString(CREATOR));
        writer.getInfo().put(PdfName.CREATIONDATE, date);
        writer.getInfo().put(PdfName.MODDATE, date);
        pdf.close();
      } catch (DocumentException e) {
        throw new IllegalStateException("Could not render " + d.pieceRef() + ": " + e.getMessage(), e);
      }
      return FileId.fix(buf.toByteArray());
    }

    /** The page content: header, buyer, lines, totals, mentions. */
    private void content(com.lowagie.text.Document pdf) throws DocumentException {
      pdf.add(header());
      pdf.add(buyer());
      pdf.add(lines());
      pdf.add(summary());
      for (Paragraph p : mentions()) {
        pdf.add(p);
      }
    }

    void addTo(com.lowagie.text.Document pdf) {
      try {
        pdf.newPage();
        content(pdf);
      } catch (DocumentException e) {
        throw new IllegalStateException("Could not render " + d.pieceRef() + ": " + e.getMessage(), e);
      }
    }

    private String title() {
      return switch (d.type()) {
        case CREDIT_NOTE -> "Avoir";
        case DEPOSIT_INVOICE -> "Facture d'acompte";
        default -> "Facture";
      };
    }

    private String money(BigDecimal amount) {
      return FrenchFormat.money(amount, currency);
    }

    /** Seller (logo, identity) on the left; title, number and dates on the right. */
    private PdfPTable header() {
      PdfPTable t = table(new float[] {55, 45});
      PdfPCell left = plainCell();
      if (logo != null) {
        Image img = logo;
        if (img.getWidth() > LOGO_WIDTH || img.getHeight() > LOGO_HEIGHT) {
          img.scaleToFit(LOGO_WIDTH, LOGO_HEIGHT);
        }
        Paragraph p = new Paragraph(new Chunk(img, 0, 0, true));
        p.setSpacingAfter(4);
        left.addElement(p);
      }
      left.addElement(para(seller.name(), SELLER));
      StringBuilder form = new StringBuilder();
      if (!blank(seller.legalForm())) {
        form.append(seller.legalForm().trim());
      }
      if (seller.shareCapital() != null) {
        form.append(form.length() > 0 ? " au capital de " : "Capital social : ")
            .append(FrenchFormat.money(seller.shareCapital(), "EUR"));
      }
      if (form.length() > 0) {
        left.addElement(para(form.toString(), TEXT));
      }
      for (String line : addressLines(seller.address())) {
        left.addElement(para(line, TEXT));
      }
      List<String> ids = new ArrayList<>();
      ids.add("SIREN " + sellerSiren(seller, s));
      if (!blank(seller.siret())) {
        ids.add("SIRET " + seller.siret().trim());
      }
      left.addElement(para(String.join(" – ", ids), TEXT));
      if (!blank(seller.rcs())) {
        left.addElement(para(seller.rcs().trim(), TEXT));
      }
      if (!blank(seller.vatNumber())) {
        left.addElement(para("N° TVA intracommunautaire : " + seller.vatNumber().trim(), TEXT));
      }
      t.addCell(left);

      PdfPCell right = plainCell();
      Paragraph title = para(title(), TITLE);
      title.setAlignment(Element.ALIGN_RIGHT);
      right.addElement(title);
      right.addElement(rightPara("N° " + d.number().trim(), TEXT_BOLD));
      right.addElement(rightPara("Date d'émission : " + FrenchFormat.date(d.date()), TEXT));
      String when = saleDate();
      if (when != null) {
        right.addElement(rightPara(when, TEXT));
      }
      if (d.type() == DocumentType.CREDIT_NOTE) {
        right.addElement(rightPara("Avoir sur la facture " + corrected.number().trim() + " du "
            + FrenchFormat.date(corrected.date()), TEXT_BOLD));
      }
      if (!blank(d.purchaseOrderNumber())) {
        right.addElement(rightPara("Bon de commande : " + d.purchaseOrderNumber().trim(), TEXT));
      }
      if (!blank(d.engagementNumber())) {
        right.addElement(rightPara("N° d'engagement : " + d.engagementNumber().trim(), TEXT));
      }
      if (!d.isEuro()) {
        right.addElement(rightPara("Montants en " + currency, TEXT));
      }
      t.addCell(right);
      t.setSpacingAfter(14);
      return t;
    }

    /**
     * The date of the sale or the service period: the span of the lines' periods when they have
     * some, else (invoices only) the issue date, the model having no separate delivery date.
     */
    private String saleDate() {
      LocalDate from = null;
      LocalDate to = null;
      for (DocumentLine l : d.lines()) {
        ServicePeriod p = l.servicePeriod();
        if (p != null) {
          if (p.from() != null && (from == null || p.from().isBefore(from))) {
            from = p.from();
          }
          if (p.to() != null && (to == null || p.to().isAfter(to))) {
            to = p.to();
          }
        }
      }
      if (from != null || to != null) {
        return "Période de prestation : " + period(from, to);
      }
      return d.type() == DocumentType.INVOICE ? "Date de la vente / prestation : " + FrenchFormat.date(d.date()) : null;
    }

    /** The buyer, in a box on the right. */
    private PdfPTable buyer() {
      Counterparty c = d.counterparty();
      PdfPTable t = table(new float[] {45, 55});
      t.addCell(plainCell());
      PdfPCell box = new PdfPCell();
      box.setBorderColor(GREY);
      box.setPadding(6);
      box.setUseDescender(true);
      box.addElement(para("Client", SMALL));
      box.addElement(para(c.name(), TEXT_BOLD));
      for (String line : addressLines(c.billingAddress())) {
        box.addElement(para(line, TEXT));
      }
      List<String> ids = new ArrayList<>(2);
      String siren = buyerSiren(c);
      if (siren != null) {
        ids.add("SIREN " + siren);
      }
      if (!blank(c.siret()) && !c.siret().replaceAll("\\s", "").equals(siren)) {
        ids.add("SIRET " + c.siret().trim());
      }
      if (!ids.isEmpty()) {
        box.addElement(para(String.join(" – ", ids), TEXT));
      }
      if (!blank(c.vatNumber())) {
        box.addElement(para("N° TVA intracommunautaire : " + c.vatNumber().trim(), TEXT));
      }
      Address delivery = c.deliveryAddress();
      if (complete(delivery) && !sameAddress(delivery, c.billingAddress())) {
        box.addElement(para("Adresse de livraison", SMALL));
        for (String line : addressLines(delivery)) {
          box.addElement(para(line, TEXT));
        }
      }
      t.addCell(box);
      t.setSpacingAfter(14);
      return t;
    }

    /** One row a line; the header row repeats on every page. */
    private PdfPTable lines() {
      PdfPTable t = table(new float[] {46, 15, 9, 14, 16});
      for (String h : new String[] {"Désignation", "Montant HT", "TVA", "Montant TVA", "Montant TTC"}) {
        PdfPCell cell = cell(h, HEAD, h.equals("Désignation") ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT);
        cell.setBackgroundColor(HEAD_BG);
        t.addCell(cell);
      }
      t.setHeaderRows(1);
      for (DocumentLine l : d.lines()) {
        PdfPCell label = cell(l.label(), TEXT, Element.ALIGN_LEFT);
        if (l.servicePeriod() != null && (l.servicePeriod().from() != null || l.servicePeriod().to() != null)) {
          Phrase p = new Phrase(printable(l.label()), TEXT);
          p.add(new Chunk("\nPériode : " + period(l.servicePeriod().from(), l.servicePeriod().to()), SMALL));
          label.setPhrase(p);
        }
        t.addCell(label);
        t.addCell(cell(money(l.netAmount()), TEXT, Element.ALIGN_RIGHT));
        t.addCell(cell(FrenchFormat.rate(l.vatRate()), TEXT, Element.ALIGN_RIGHT));
        t.addCell(cell(money(l.vatAmount()), TEXT, Element.ALIGN_RIGHT));
        t.addCell(cell(money(l.netAmount().add(l.vatAmount())), TEXT, Element.ALIGN_RIGHT));
      }
      t.setSpacingAfter(12);
      return t;
    }

    /** The VAT per rate (from the lines) and the printed totals, kept on one page. */
    private PdfPTable summary() {
      Map<BigDecimal, BigDecimal[]> perRate = new TreeMap<>();
      for (DocumentLine l : d.lines()) {
        BigDecimal[] sums = perRate.computeIfAbsent(l.vatRate(), r -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        sums[0] = sums[0].add(l.netAmount());
        sums[1] = sums[1].add(l.vatAmount());
      }
      PdfPTable vat = table(new float[] {30, 35, 35});
      vat.addCell(headCell("Taux TVA", Element.ALIGN_LEFT));
      vat.addCell(headCell("Base HT", Element.ALIGN_RIGHT));
      vat.addCell(headCell("Montant TVA", Element.ALIGN_RIGHT));
      perRate.forEach((rate, sums) -> {
        vat.addCell(cell("TVA " + FrenchFormat.rate(rate), TEXT, Element.ALIGN_LEFT));
        vat.addCell(cell(money(sums[0]), TEXT, Element.ALIGN_RIGHT));
        vat.addCell(cell(money(sums[1]), TEXT, Element.ALIGN_RIGHT));
      });

      Totals tot = d.totals();
      PdfPTable totals = table(new float[] {50, 50});
      totals.addCell(cell("Total HT", TEXT, Element.ALIGN_LEFT));
      totals.addCell(cell(money(tot.net()), TEXT, Element.ALIGN_RIGHT));
      totals.addCell(cell("Total TVA", TEXT, Element.ALIGN_LEFT));
      totals.addCell(cell(money(tot.vat()), TEXT, Element.ALIGN_RIGHT));
      PdfPCell ttcLabel = cell("Total TTC", TEXT_BOLD, Element.ALIGN_LEFT);
      ttcLabel.setBackgroundColor(HEAD_BG);
      PdfPCell ttc = cell(money(tot.gross()), TEXT_BOLD, Element.ALIGN_RIGHT);
      ttc.setBackgroundColor(HEAD_BG);
      totals.addCell(ttcLabel);
      totals.addCell(ttc);

      PdfPTable t = table(new float[] {52, 8, 40});
      PdfPCell left = plainCell();
      left.setPadding(0);
      left.addElement(vat);
      PdfPCell gap = plainCell();
      PdfPCell right = plainCell();
      right.setPadding(0);
      right.addElement(totals);
      t.addCell(left);
      t.addCell(gap);
      t.addCell(right);
      t.setKeepTogether(true);
      t.setSpacingAfter(12);
      return t;
    }

    /** Due date, penalties, indemnity, VAT and deposit mentions. */
    private List<Paragraph> mentions() {
      List<Paragraph> out = new ArrayList<>();
      if (d.type() == DocumentType.DEPOSIT_INVOICE) {
        out.add(para("Facture d'acompte : acompte à valoir sur la facture définitive.", TEXT_BOLD));
      }
      if (d.type() != DocumentType.CREDIT_NOTE) {
        Invoicing inv = s.invoicing();
        out.add(para("Date d'échéance : " + FrenchFormat.date(d.dueDateOr(inv.paymentTermsDays())), TEXT_BOLD));
        out.add(para("Pénalités de retard de paiement (art. L441-10 du Code de commerce) : "
            + inv.penaltyRateText() + ".", TEXT));
        if (isBusiness(d.counterparty())) {
          out.add(para("Indemnité forfaitaire pour frais de recouvrement : 40 €", TEXT));
        }
      }
      for (String m : vatMentions(d, s)) {
        out.add(para(m, TEXT_BOLD));
      }
      if (!out.isEmpty()) {
        out.get(0).setSpacingBefore(4);
      }
      return out;
    }

    /** The seller's legal identity, at the foot of every page. */
    private String footerLeft() {
      StringBuilder sb = new StringBuilder(printable(seller.name()).trim());
      if (!blank(seller.legalForm())) {
        sb.append(", ").append(seller.legalForm().trim());
      }
      if (seller.shareCapital() != null) {
        sb.append(" au capital de ").append(FrenchFormat.money(seller.shareCapital(), "EUR"));
      }
      sb.append(" – SIREN ").append(sellerSiren(seller, s));
      if (!blank(seller.rcs())) {
        sb.append(" – ").append(seller.rcs().trim());
      }
      if (!blank(seller.vatNumber())) {
        sb.append(" – TVA ").append(seller.vatNumber().trim());
      }
      return sb.toString();
    }
  }

  /** The seller's identity and "Facture F-42 – page n/N" at the foot of each page. */
  private static final class Footer extends PdfPageEventHelper {
    private final String left;
    private final String right;
    private PdfTemplate total;

    Footer(String left, String right) {
      this.left = printable(left);
      this.right = printable(right);
    }

    @Override
    public void onOpenDocument(PdfWriter writer, com.lowagie.text.Document document) {
      total = writer.getDirectContent().createTemplate(30, 12);
    }

    @Override
    public void onEndPage(PdfWriter writer, com.lowagie.text.Document document) {
      PdfContentByte cb = writer.getDirectContent();
      Rectangle page = document.getPageSize();
      float y = 28;
      ColumnText legal = new ColumnText(cb);
      legal.setSimpleColumn(MARGIN, y - 14, page.getWidth() - MARGIN - 130, y + 12);
      legal.addText(new Phrase(left, SMALL));
      legal.setLeading(9);
      try {
        legal.go();
      } catch (DocumentException e) {
        throw new IllegalStateException(e);
      }
      String text = right + " – page " + writer.getPageNumber() + "/";
      float x = page.getWidth() - MARGIN - 14;
      ColumnText.showTextAligned(cb, Element.ALIGN_RIGHT, new Phrase(text, SMALL), x, y, 0);
      cb.addTemplate(total, x, y);
    }

    @Override
    public void onCloseDocument(PdfWriter writer, com.lowagie.text.Document document) {
      ColumnText.showTextAligned(total, Element.ALIGN_LEFT,
          new Phrase(String.valueOf(writer.getPageNumber() - 1), SMALL), 0, 0, 0);
    }
  }

  /**
   * The trailer's file identifier. OpenPDF seeds it with the clock and free memory; this replaces it,
   * in place and at the same length, by the MD5 of everything the file holds before its trailer, so
   * the same content always gets the same identifier (PDF 32000-1 §14.4 lets it be computed from the
   * content). The byte offsets of the cross-reference table stay valid: only hex digits change.
   */
  static final class FileId {
    private static final byte[] TRAILER = "trailer".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ID = "/ID [<".getBytes(StandardCharsets.ISO_8859_1);

    private FileId() {}

    static byte[] fix(byte[] pdf) {
      int trailer = lastIndexOf(pdf, TRAILER, pdf.length);
      int id = trailer < 0 ? -1 : indexOf(pdf, ID, trailer);
      int first = id + ID.length;
      int second = first + 34; // 32 hex digits, '>', '<'
      if (id < 0 || second + 33 > pdf.length || pdf[first + 32] != '>' || pdf[second - 1] != '<'
          || pdf[second + 32] != '>') {
        throw new IllegalStateException("OpenPDF wrote a trailer without the expected /ID [<32 hex><32 hex>]");
      }
      byte[] hex = hex(md5(pdf, trailer));
      System.arraycopy(hex, 0, pdf, first, 32);
      System.arraycopy(hex, 0, pdf, second, 32);
      return pdf;
    }

    private static byte[] md5(byte[] bytes, int length) {
      try {
        MessageDigest md = MessageDigest.getInstance("MD5");
        md.update(bytes, 0, length);
        return md.digest();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    private static byte[] hex(byte[] digest) {
      byte[] out = new byte[digest.length * 2];
      String digits = "0123456789abcdef";
      for (int i = 0; i < digest.length; i++) {
        out[2 * i] = (byte) digits.charAt((digest[i] >> 4) & 0xf);
        out[2 * i + 1] = (byte) digits.charAt(digest[i] & 0xf);
      }
      return out;
    }

    private static int lastIndexOf(byte[] hay, byte[] needle, int end) {
      for (int i = end - needle.length; i >= 0; i--) {
        if (matches(hay, needle, i)) {
          return i;
        }
      }
      return -1;
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
      for (int i = from; i <= hay.length - needle.length; i++) {
        if (matches(hay, needle, i)) {
          return i;
        }
      }
      return -1;
    }

    private static boolean matches(byte[] hay, byte[] needle, int at) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[at + j] != needle[j]) {
          return false;
        }
      }
      return true;
    }
  }

  // ---------------------------------------------------------------- small helpers

  /** The document's date at 00:00 UTC: the creation and modification dates of its PDF. */
  private static PdfDate pdfDate(LocalDate date) {
    GregorianCalendar cal = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC), Locale.ROOT);
    cal.clear();
    cal.set(date.getYear(), date.getMonthValue() - 1, date.getDayOfMonth(), 0, 0, 0);
    return new PdfDate(cal);
  }

  private static String period(LocalDate from, LocalDate to) {
    if (from != null && to != null) {
      return "du " + FrenchFormat.date(from) + " au " + FrenchFormat.date(to);
    }
    return from != null ? "à partir du " + FrenchFormat.date(from) : "jusqu'au " + FrenchFormat.date(to);
  }

  private static List<String> addressLines(Address a) {
    List<String> out = new ArrayList<>(3);
    out.add(a.line1().trim());
    if (!blank(a.line2())) {
      out.add(a.line2().trim());
    }
    String city = (blank(a.postalCode()) ? "" : a.postalCode().trim() + " ") + a.city().trim();
    if (!blank(a.countryCode()) && !"FR".equalsIgnoreCase(a.countryCode().trim())) {
      city += " (" + a.countryCode().trim().toUpperCase(Locale.ROOT) + ")";
    }
    out.add(city);
    return out;
  }

  private static boolean sameAddress(Address a, Address b) {
    return b != null && a.line1().trim().equals(b.line1().trim()) && a.city().trim().equals(b.city().trim())
        && String.valueOf(a.postalCode()).trim().equals(String.valueOf(b.postalCode()).trim());
  }

  /** An address a letter reaches: a first line and a city (a postal code where the country has one). */
  private static boolean complete(Address a) {
    return a != null && !blank(a.line1()) && !blank(a.city());
  }

  private static PdfPTable table(float[] widths) {
    PdfPTable t = new PdfPTable(widths);
    t.setWidthPercentage(100);
    return t;
  }

  private static PdfPCell plainCell() {
    PdfPCell c = new PdfPCell();
    c.setBorder(Rectangle.NO_BORDER);
    c.setPadding(0);
    c.setUseDescender(true);
    return c;
  }

  private static PdfPCell cell(String text, Font font, int align) {
    PdfPCell c = new PdfPCell(new Phrase(printable(text), font));
    c.setHorizontalAlignment(align);
    c.setBorderColor(GREY);
    c.setBorderWidth(0.5f);
    c.setPadding(4);
    c.setUseDescender(true);
    return c;
  }

  private static PdfPCell headCell(String text, int align) {
    PdfPCell c = cell(text, HEAD, align);
    c.setBackgroundColor(HEAD_BG);
    return c;
  }

  private static Paragraph para(String text, Font font) {
    Paragraph p = new Paragraph(printable(text), font);
    p.setLeading(font.getSize() * 1.25f);
    return p;
  }

  private static Paragraph rightPara(String text, Font font) {
    Paragraph p = para(text, font);
    p.setAlignment(Element.ALIGN_RIGHT);
    return p;
  }

  private static BaseFont standardFont(String name) {
    try {
      return BaseFont.createFont(name, BaseFont.CP1252, BaseFont.NOT_EMBEDDED);
    } catch (DocumentException | IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static boolean nonZero(BigDecimal v) {
    return v != null && v.signum() != 0;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
