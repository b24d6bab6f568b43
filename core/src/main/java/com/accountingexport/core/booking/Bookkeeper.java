package com.accountingexport.core.booking;

import com.accountingexport.core.document.Allocation;
import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentLine;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.document.PaymentInfo;
import com.accountingexport.core.document.PieceOrder;
import com.accountingexport.core.document.Totals;
import com.accountingexport.core.money.Money;
import com.accountingexport.core.settings.AccountMapping;
import com.accountingexport.core.settings.TenantSettings;
import com.accountingexport.core.settings.VatRegime;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Books one document as one balanced journal entry, following shared/ACCOUNTING.md.
 *
 * <p>Line documents (invoices, credit notes, deposit invoices, purchases, cash sales, expense
 * reports) are booked from their totals: each line gives a revenue/expense amount and a VAT amount,
 * grouped by (account, VAT rate); the cent that line rounding leaves against {@code totals} goes to
 * the largest line (net) or to the VAT of the rate with the largest base (§6); each group is
 * converted to EUR half-up and the counterparty (411/401/421, or 530 for a cash sale) takes the sum
 * of the others (§7). Settlements (payments, refunds, supplier payments) book {@code totals.gross}
 * between the bank and the counterparty, transfer each settled document's share of pending VAT on
 * collections (§2, §5: the settlement that completes a document takes the rest, so that together
 * they move exactly its pending VAT), and put the exchange difference on 656/756 (§7). A settlement
 * paid outside the platform books only that VAT transfer, in the miscellaneous journal.
 *
 * <p>Amounts are carried signed (positive = debit) until the end, where lines are grouped by
 * (account, auxiliary account) and netted: a negative net lands on the credit side, a 0.00 line is
 * dropped. Thread-safe: holds only the tenant's settings.
 *
 * <p>Choices where ACCOUNTING.md leaves one:
 * <ul>
 *   <li>the VAT regime applies per line to every sales document, deposit invoices included: on
 *       collections their services VAT waits on 44574 until their payment transfers it; purchases
 *       follow the supplier's regime ({@code vatRegime}, collections when absent), not the tenant's;
 *   <li>a refund of a credit note moves its share back (D 44571 / C 44574); a refund naming no
 *       document (an overpayment given back) needs none;
 *   <li>settlements of one document take their shares in order of accounting date, piece number
 *       and id; each pays what its allocation says (a single {@code relatedDocumentId}: its whole
 *       amount, capped at what is left of the document; in another currency: the rest of the
 *       document), and what no document takes stays on the counterparty at the payment's rate;
 *   <li>a final invoice's deposits are {@code depositDocumentIds}, else its {@code relatedDocumentId}
 *       when it has 4191 deductions; a deduction's VAT goes back to the account its deposit used;
 *   <li>a document netting to 0.00 everywhere is blocked with NOTHING_TO_BOOK: an entry without lines
 *       would leave a gap in EcritureNum;
 *   <li>revenue and VAT lines are labelled "piece - counterparty", purchase and expense-report lines
 *       coming from one document line "piece - line label".
 * </ul>
 */
public final class Bookkeeper {
  private static final BigDecimal HALF_CENT = new BigDecimal("0.005");
  private static final Pattern UNPRINTABLE = Pattern.compile("[\\t|\\r\\n]");
  private static final Pattern SPACES = Pattern.compile(" {2,}");
  private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^A-Z0-9]");
  private static final int AUX_MAX_LENGTH = 17;
  /** Characters of the hash that keeps derived sub-accounts apart (36^6: about two billion values). */
  static final int AUX_HASH_LENGTH = 6;
  private static final String UNKNOWN_ACCOUNT = "?";

  private final TenantSettings settings;
  private final AccountMapping accounts;

  public Bookkeeper(TenantSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.accounts = Objects.requireNonNull(settings.accounts(), "settings.accounts");
  }

  /** The document's balanced journal entry, or the anomalies that keep it from being booked. */
  public BookingResult book(Document document, DocumentLookup related) {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(document.type(), "document.type");
    DocumentLookup lookup = related == null ? DocumentLookup.none() : related;
    List<Anomaly> anomalies = new ArrayList<>();
    List<Posting> postings = document.type().isSettlement()
        ? bookSettlement(document, lookup, anomalies)
        : bookLines(document, lookup, anomalies);
    if (!anomalies.isEmpty()) {
      return BookingResult.blocked(anomalies);
    }
    return finish(document, postings);
  }

  // ---------------------------------------------------------------- line documents

  private List<Posting> bookLines(Document d, DocumentLookup lookup, List<Anomaly> anomalies) {
    DocumentType type = d.type();
    if (type == DocumentType.INVOICE) {
      checkDeposits(d, lookup, anomalies);
    }
    String label = pieceLabel(d);
    Posting counterpart;
    if (type == DocumentType.CASH_SALE) {
      counterpart = new Posting(accounts.cash(), null, null, label, null, null);
    } else {
      Optional<Aux> aux = auxOf(d.counterparty(), auxPrefix(type));
      if (aux.isEmpty()) {
        anomalies.add(missingCounterparty(d));
      }
      counterpart = new Posting(counterpartAccount(type), aux.map(Aux::account).orElse(null),
          aux.map(Aux::label).orElse(null), label, null, null);
    }
    Optional<List<Group>> groups = groups(d, lookup, anomalies);
    if (groups.isEmpty() || !anomalies.isEmpty()) {
      return List.of();
    }
    List<Posting> others = new ArrayList<>();
    BigDecimal currency = BigDecimal.ZERO;
    BigDecimal eur = BigDecimal.ZERO;
    for (Group g : groups.get()) {
      others.add(new Posting(g.account(), null, null, g.label(), g.currency(), g.eur()));
      currency = currency.add(g.currency());
      eur = eur.add(g.eur());
    }
    counterpart = counterpart.withAmounts(currency.negate(), eur.negate());
    List<Posting> out = new ArrayList<>();
    boolean counterpartFirst = lineSign(type) < 0;
    if (counterpartFirst) {
      out.add(counterpart);
    }
    out.addAll(others);
    if (!counterpartFirst) {
      out.add(counterpart);
    }
    return out;
  }

  /**
   * The (account, VAT rate) groups of a line document, signed and converted to EUR, revenue/expense
   * groups first. Empty when its amounts cannot be booked (anomalies added); a line without an
   * account adds MISSING_ACCOUNT but still yields groups (its VAT is known).
   */
  private Optional<List<Group>> groups(Document d, DocumentLookup lookup, List<Anomaly> anomalies) {
    if (!checkAmounts(d, anomalies)) {
      return Optional.empty();
    }
    Totals totals = d.totals();
    List<DocumentLine> lines = d.lines();
    BigDecimal tolerance = HALF_CENT.multiply(BigDecimal.valueOf(lines.size()));
    BigDecimal lineNet = Money.sum(lines.stream().map(l -> orZero(l.netAmount())).toList());
    BigDecimal lineVat = Money.sum(lines.stream().map(l -> orZero(l.vatAmount())).toList());
    BigDecimal netResidual = totals.net().subtract(lineNet);
    BigDecimal vatResidual = totals.vat().subtract(lineVat);
    boolean consistent = true;
    if (netResidual.abs().compareTo(tolerance) > 0) {
      anomalies.add(beyondRounding(d, "net", lineNet, totals.net(), netResidual, tolerance));
      consistent = false;
    }
    if (vatResidual.abs().compareTo(tolerance) > 0) {
      anomalies.add(beyondRounding(d, "VAT", lineVat, totals.vat(), vatResidual, tolerance));
      consistent = false;
    }
    if (!consistent) {
      return Optional.empty();
    }

    Map<GroupKey, BigDecimal> revenue = new LinkedHashMap<>();
    Map<GroupKey, List<Integer>> revenueLines = new LinkedHashMap<>();
    Map<GroupKey, BigDecimal> vat = new LinkedHashMap<>();
    Map<GroupKey, BigDecimal> vatBase = new LinkedHashMap<>();
    GroupKey largestLine = null;
    BigDecimal largestNet = null;
    GroupKey largestTaxedLine = null; // the rounding cent of the net prefers a line that carries VAT
    BigDecimal largestTaxedNet = null;
    Map<BigDecimal, String> depositVat = d.type() == DocumentType.INVOICE ? depositVatAccounts(d, lookup) : Map.of();
    for (int i = 0; i < lines.size(); i++) {
      DocumentLine line = lines.get(i);
      String account = lineAccount(d.type(), line);
      if (account == null) {
        anomalies.add(Anomaly.of(AnomalyCode.MISSING_ACCOUNT, "lines[" + i + "] \"" + clean(line.label())
            + "\" of " + d.pieceRef() + " has no accountNumber: a purchase line needs its expense or"
            + " fixed-asset account (6xx, 2xx)"));
      }
      BigDecimal rate = line.vatRate() == null ? null : line.vatRate().setScale(2, RoundingMode.HALF_UP);
      BigDecimal net = orZero(line.netAmount());
      GroupKey revenueKey = new GroupKey(account == null ? UNKNOWN_ACCOUNT : account, rate);
      revenue.merge(revenueKey, net, BigDecimal::add);
      revenueLines.computeIfAbsent(revenueKey, k -> new ArrayList<>()).add(i);
      String vatAccount = isDeduction(line) && depositVat.containsKey(rate) ? depositVat.get(rate)
          : vatAccount(d, line, account);
      GroupKey vatKey = new GroupKey(vatAccount, rate);
      vat.merge(vatKey, orZero(line.vatAmount()), BigDecimal::add);
      vatBase.merge(vatKey, net, BigDecimal::add);
      if (largestNet == null || net.compareTo(largestNet) > 0) {
        largestNet = net;
        largestLine = revenueKey;
      }
      if (rate != null && rate.signum() > 0 && (largestTaxedNet == null || net.compareTo(largestTaxedNet) > 0)) {
        largestTaxedNet = net;
        largestTaxedLine = revenueKey;
      }
    }
    if (netResidual.signum() != 0) {
      revenue.merge(largestTaxedLine != null ? largestTaxedLine : largestLine, netResidual, BigDecimal::add);
    }
    if (vatResidual.signum() != 0) {
      // never on a 0 % base (whose VAT account no line charges): the largest base taxed at a positive rate
      GroupKey largestBase = null;
      for (Map.Entry<GroupKey, BigDecimal> e : vatBase.entrySet()) {
        boolean taxed = e.getKey().rate() != null && e.getKey().rate().signum() > 0;
        if (taxed && (largestBase == null || e.getValue().compareTo(vatBase.get(largestBase)) > 0)) {
          largestBase = e.getKey();
        }
      }
      if (largestBase == null) {
        anomalies.add(Anomaly.of(AnomalyCode.UNBALANCED, capitalize(d.type().wire().replace('_', ' ')) + " "
            + d.pieceRef() + ": its totals say VAT " + Money.format(totals.vat()) + " but no line carries VAT"
            + " to put the difference of " + vatResidual.toPlainString() + " on"));
        return Optional.empty();
      }
      vat.merge(largestBase, vatResidual, BigDecimal::add);
    }

    BigDecimal sign = BigDecimal.valueOf(lineSign(d.type()));
    String label = pieceLabel(d);
    boolean lineLabels = d.type().isPurchaseSide() || d.type() == DocumentType.EXPENSE_REPORT;
    List<Group> out = new ArrayList<>();
    revenue.forEach((key, amount) -> {
      String groupLabel = label;
      List<Integer> sources = revenueLines.get(key);
      if (lineLabels && sources.size() == 1) {
        String lineLabel = clean(lines.get(sources.get(0)).label());
        if (!lineLabel.isEmpty()) {
          groupLabel = clean(d.pieceRef() + " - " + lineLabel);
        }
      }
      BigDecimal signed = amount.multiply(sign);
      out.add(new Group(key.account(), key.rate(), false, groupLabel, signed, toEur(d, signed)));
    });
    vat.forEach((key, amount) -> {
      BigDecimal signed = amount.multiply(sign);
      out.add(new Group(key.account(), key.rate(), true, label, signed, toEur(d, signed)));
    });
    return Optional.of(out);
  }

  /** A final invoice's deposit deductions (negative 4191 lines) must equal its deposits' nets (§3). */
  private void checkDeposits(Document d, DocumentLookup lookup, List<Anomaly> anomalies) {
    BigDecimal deducted = BigDecimal.ZERO;
    BigDecimal deductedVat = BigDecimal.ZERO;
    for (DocumentLine line : d.lines()) {
      if (isDeduction(line)) {
        deducted = deducted.add(orZero(line.netAmount()).negate());
        deductedVat = deductedVat.add(orZero(line.vatAmount()).negate());
      }
    }
    List<String> ids = depositIds(d);
    if (ids.isEmpty()) {
      if (deducted.signum() > 0) {
        anomalies.add(Anomaly.of(AnomalyCode.DEPOSIT_INVOICE, "Invoice " + d.pieceRef() + " deducts "
            + Money.format(deducted) + " of deposits on 4191 lines but names no deposit invoice"
            + " (depositDocumentIds)"));
      }
      return;
    }
    BigDecimal expected = BigDecimal.ZERO;
    BigDecimal expectedVat = BigDecimal.ZERO;
    boolean known = true;
    for (String id : ids) {
      Optional<Document> deposit = find(lookup, id);
      if (deposit.isEmpty()) {
        anomalies.add(Anomaly.of(AnomalyCode.MISSING_RELATED_DOCUMENT, "Invoice " + d.pieceRef()
            + " deducts deposit invoice " + id + ", which is unknown: push it first"));
        known = false;
      } else if (deposit.get().type() != DocumentType.DEPOSIT_INVOICE) {
        anomalies.add(Anomaly.of(AnomalyCode.DEPOSIT_INVOICE, "Invoice " + d.pieceRef() + " names "
            + deposit.get().pieceRef() + " as a deposit, but it is a " + deposit.get().type().wire()));
        known = false;
      } else if (deposit.get().totals() == null) {
        anomalies.add(Anomaly.of(AnomalyCode.DEPOSIT_INVOICE, "Deposit invoice "
            + deposit.get().pieceRef() + " deducted by " + d.pieceRef() + " has no totals"));
        known = false;
      } else {
        expected = expected.add(deposit.get().totals().net());
        expectedVat = expectedVat.add(deposit.get().totals().vat());
      }
    }
    if (known && (expected.compareTo(deducted) != 0 || expectedVat.compareTo(deductedVat) != 0)) {
      anomalies.add(Anomaly.of(AnomalyCode.DEPOSIT_INVOICE, "Invoice " + d.pieceRef() + " deducts "
          + Money.format(deducted) + " net and " + Money.format(deductedVat) + " VAT on its 4191 lines, but its"
          + " deposit invoice(s) " + String.join(", ", ids) + " total " + Money.format(expected) + " net and "
          + Money.format(expectedVat) + " VAT"));
    }
  }

  /** The deposit invoices a final invoice deducts: depositDocumentIds, else its relatedDocumentId when it deducts. */
  private List<String> depositIds(Document d) {
    if (!d.depositDocumentIds().isEmpty()) {
      return d.depositDocumentIds();
    }
    boolean deducts = d.lines().stream().anyMatch(this::isDeduction);
    return deducts && d.relatedDocumentId() != null ? List.of(d.relatedDocumentId()) : List.of();
  }

  /**
   * The VAT account each rate of a final invoice's deposits was booked on (§3): a deduction line
   * takes its VAT back from that account, so that the deposit's VAT is never counted twice nor moved
   * to another account (a goods deposit on 44571 stays off 44574).
   */
  private Map<BigDecimal, String> depositVatAccounts(Document d, DocumentLookup lookup) {
    Map<BigDecimal, String> out = new LinkedHashMap<>();
    for (String id : depositIds(d)) {
      Optional<Document> deposit = find(lookup, id);
      if (deposit.isEmpty() || deposit.get().type() != DocumentType.DEPOSIT_INVOICE) {
        continue;
      }
      for (DocumentLine line : deposit.get().lines()) {
        if (line.vatRate() != null) {
          out.putIfAbsent(line.vatRate().setScale(2, RoundingMode.HALF_UP),
              vatAccount(deposit.get(), line, lineAccount(DocumentType.DEPOSIT_INVOICE, line)));
        }
      }
    }
    return out;
  }

  /** A line that deducts a deposit: a negative net on the deposits account (4191). */
  private boolean isDeduction(DocumentLine line) {
    return orZero(line.netAmount()).signum() < 0 && isDepositAccount(line.accountNumber());
  }

  // ---------------------------------------------------------------- settlements

  private List<Posting> bookSettlement(Document d, DocumentLookup lookup, List<Anomaly> anomalies) {
    DocumentType type = d.type();
    PaymentInfo payment = d.payment();
    String what = capitalize(type.wire().replace('_', ' ')) + " " + d.pieceRef();
    if (payment == null) {
      anomalies.add(Anomaly.of(AnomalyCode.MISSING_PAYMENT_DETAILS, what + " has no payment details (method, bankAccount, paidAt)"));
      return List.of();
    }
    if (!checkAmounts(d, anomalies)) {
      return List.of();
    }
    boolean external = payment.external();
    boolean collections = type.isPurchaseSide()
        ? d.vatRegime() != VatRegime.DEBITS // the supplier's regime: collections unless the payment says debits
        : settings.vatRegimeServices() == VatRegime.COLLECTIONS;
    List<Allocation> allocations = d.allocations();
    List<Document> settled = new ArrayList<>();
    List<Allocation> used = new ArrayList<>();
    for (Allocation a : allocations) {
      Optional<Document> related = find(lookup, a.documentId());
      if (related.isEmpty()) {
        if (collections || !d.isEuro() || external || allocations.size() > 1) {
          anomalies.add(Anomaly.of(AnomalyCode.MISSING_RELATED_DOCUMENT, what + " names " + a.documentId()
              + ", which is unknown: push it first (" + (collections
                  ? "with VAT on collections its share of pending VAT cannot be transferred)"
                  : "the amount it settles cannot be booked)")));
        }
      } else if (settles(type, related.get().type())) {
        settled.add(related.get());
        used.add(a);
      }
    }
    if (allocations.isEmpty() && collections && type != DocumentType.REFUND) {
      // a refund naming no document gives an overpayment back: no VAT to move
      anomalies.add(Anomaly.of(AnomalyCode.MISSING_RELATED_DOCUMENT, what + " names no invoice"
          + " (relatedDocumentId or relatedDocumentIds): with VAT on collections (encaissements) its share of"
          + " pending VAT cannot be transferred" + (external ? ", so that VAT would stay pending" : "")));
    }
    boolean crossCurrency = settled.stream().anyMatch(r -> !r.currency().equals(d.currency()));
    if (crossCurrency && allocations.size() > 1) {
      anomalies.add(Anomaly.of(AnomalyCode.UNBALANCED, what + " is in " + d.currency() + " and settles several"
          + " documents, some in another currency: book one payment per foreign-currency invoice"));
    }
    Counterparty party = d.counterparty() != null ? d.counterparty()
        : settled.isEmpty() ? null : settled.get(0).counterparty();
    Optional<Aux> aux = auxOf(party, auxPrefix(type));
    if (aux.isEmpty() && !external) {
      anomalies.add(missingCounterparty(d));
    }
    if (!anomalies.isEmpty()) {
      return List.of();
    }

    BigDecimal gross = d.totals().gross();
    BigDecimal bankEur = toEur(d, gross);
    BigDecimal remaining = gross; // in the payment's currency, what the allocations have not used yet
    BigDecimal clearedEur = BigDecimal.ZERO;
    List<Posting> transfers = new ArrayList<>();
    for (int i = 0; i < settled.size(); i++) {
      Document invoice = settled.get(i);
      boolean sameCurrency = invoice.currency().equals(d.currency());
      Optional<List<Group>> invoiceGroups = groups(invoice, lookup, new ArrayList<>());
      if (invoiceGroups.isEmpty()) {
        anomalies.add(Anomaly.of(AnomalyCode.UNBALANCED, what + " settles " + invoice.pieceRef()
            + ", whose amounts cannot be booked: the amount it clears and its VAT are unknown"));
        return List.of();
      }
      BigDecimal asked = used.get(i).amount() != null ? used.get(i).amount() : sameCurrency ? remaining : null;
      Settlement s = settlement(d, invoice, asked, invoiceGroups.get(), lookup);
      if (sameCurrency) {
        remaining = remaining.subtract(s.covered());
      } else {
        remaining = BigDecimal.ZERO; // a payment in another currency settles this one invoice: the rest is exchange difference
      }
      clearedEur = clearedEur.add(s.clearedEur());
      if (s.transfers().isEmpty()) {
        continue;
      }
      boolean sales = !type.isPurchaseSide();
      String pending = sales ? accounts.vatCollectedPending() : accounts.vatDeductiblePending();
      String label = clean(d.pieceRef() + (sales ? " - TVA exigible sur encaissement" : " - TVA déductible sur décaissement"));
      for (Map.Entry<Group, BigDecimal> t : s.transfers().entrySet()) {
        Group g = t.getKey();
        BigDecimal eur = t.getValue();
        String target = sales ? accounts.vatCollectedFor(g.rate()) : accounts.vatDeductible();
        BigDecimal currency = d.isEuro() ? eur
            : sameCurrency && g.eur().signum() != 0 ? g.currency().multiply(eur).divide(g.eur(), Money.SCALE, RoundingMode.HALF_UP)
            : Money.round(eur.multiply(d.exchangeRate()));
        transfers.add(new Posting(pending, null, null, label, currency.negate(), eur.negate()));
        transfers.add(new Posting(target, null, null, label, currency, eur));
      }
    }
    if (remaining.signum() < 0) {
      anomalies.add(Anomaly.of(AnomalyCode.UNBALANCED, what + " allocates " + Money.format(gross.subtract(remaining))
          + " " + d.currency() + " to its documents but pays only " + Money.format(gross)));
      return List.of();
    }

    if (external) {
      if (transfers.isEmpty()) {
        anomalies.add(Anomaly.of(AnomalyCode.EXTERNAL_PAYMENT, what + " was paid outside the platform: its bank"
            + " line comes from the bank feed (exporting it would book " + bankAccount(payment) + " twice), and it"
            + " moves no pending VAT"));
      }
      return transfers; // only the VAT that fell due, in the miscellaneous journal
    }
    // the counterparty account clears the invoices' EUR amounts, the rest at the payment's rate (§7)
    BigDecimal counterpartEur = clearedEur.add(toEur(d, remaining));
    String label = pieceLabel(d);
    BigDecimal bankSign = BigDecimal.valueOf(type == DocumentType.PAYMENT ? 1 : -1);
    Posting bank = new Posting(bankAccount(payment), null, null, label, gross.multiply(bankSign), bankEur.multiply(bankSign));
    Posting counterpart = new Posting(counterpartAccount(type), aux.get().account(), aux.get().label(), label,
        gross.multiply(bankSign).negate(), counterpartEur.multiply(bankSign).negate());
    BigDecimal difference = counterpartEur.subtract(bankEur).multiply(bankSign);
    List<Posting> out = new ArrayList<>();
    out.add(bankSign.signum() > 0 ? bank : counterpart);
    if (difference.signum() != 0) {
      boolean loss = difference.signum() > 0;
      out.add(new Posting(loss ? accounts.fxLoss() : accounts.fxGain(), null, null,
          clean(d.pieceRef() + (loss ? " - Perte de change" : " - Gain de change")), BigDecimal.ZERO, difference));
    }
    out.add(bankSign.signum() > 0 ? counterpart : bank);
    out.addAll(transfers);
    return out;
  }

  /**
   * What settlement {@code d} does to {@code invoice}, given the settlements of that invoice booked
   * before it (by accounting date, then piece number, then id): the part of the invoice it covers
   * ({@code asked}, null = the rest of the invoice), the EUR it clears on 411/401, and the pending VAT
   * it transfers per VAT group. Each settlement takes its share rounded half-up; the one that
   * completes the invoice takes what the others left, so that together they clear the invoice's
   * pending VAT and EUR amount to the cent (three payments of 40.00 on 120.00 transfer 6.67, 6.67, 6.66).
   */
  private Settlement settlement(Document d, Document invoice, BigDecimal asked, List<Group> invoiceGroups,
      DocumentLookup lookup) {
    BigDecimal whole = invoice.totals().gross().abs();
    BigDecimal invoiceEur = Money.sum(invoiceGroups.stream().map(Group::eur).toList()).abs();
    String pending = invoice.type().isPurchaseSide() ? accounts.vatDeductiblePending() : accounts.vatCollectedPending();
    List<Group> pendingGroups = invoiceGroups.stream().filter(g -> g.vat() && g.account().equals(pending)).toList();
    if (whole.signum() == 0) {
      return new Settlement(BigDecimal.ZERO, BigDecimal.ZERO, Map.of());
    }
    BigDecimal before = BigDecimal.ZERO;
    BigDecimal clearedBefore = BigDecimal.ZERO;
    Map<Group, BigDecimal> transferredBefore = new LinkedHashMap<>();
    // the other settlements matter only for a remainder: of pending VAT, or of a foreign invoice's EUR
    // amount (in EUR without pending VAT, what 411 clears is what the payment pays either way)
    boolean needsOthers = !pendingGroups.isEmpty() || !invoice.isEuro() || !d.isEuro();
    for (Document other : needsOthers ? earlierSettlements(d, invoice, lookup) : List.<Document>of()) {
      BigDecimal covered = covered(amountFor(other, invoice), whole, before);
      if (covered.signum() == 0) {
        continue;
      }
      Share share = new Share(covered, whole);
      clearedBefore = clearedBefore.add(share.of(invoiceEur));
      pendingGroups.forEach(g -> transferredBefore.merge(g, share.of(g.eur()), BigDecimal::add));
      before = before.add(covered);
    }
    BigDecimal covered = covered(asked, whole, before);
    if (covered.signum() == 0) {
      return new Settlement(BigDecimal.ZERO, BigDecimal.ZERO, Map.of());
    }
    boolean completes = before.add(covered).compareTo(whole) >= 0;
    Share share = new Share(covered, whole);
    BigDecimal cleared = completes ? invoiceEur.subtract(clearedBefore) : share.of(invoiceEur);
    Map<Group, BigDecimal> transfers = new LinkedHashMap<>();
    for (Group g : pendingGroups) {
      BigDecimal t = completes ? g.eur().subtract(transferredBefore.getOrDefault(g, BigDecimal.ZERO)) : share.of(g.eur());
      if (t.signum() != 0) {
        transfers.put(g, t);
      }
    }
    return new Settlement(covered, cleared, transfers);
  }

  /** What a settlement covers of an invoice: what it asks (null = all that is left), never more than is left. */
  private static BigDecimal covered(BigDecimal asked, BigDecimal whole, BigDecimal before) {
    BigDecimal left = whole.subtract(before).max(BigDecimal.ZERO);
    return asked == null ? left : asked.max(BigDecimal.ZERO).min(left);
  }

  /** The settlements of {@code invoice} other than {@code d} that come before it, in that order. */
  private static List<Document> earlierSettlements(Document d, Document invoice, DocumentLookup lookup) {
    List<Document> all = lookup.settlementsOf(invoice.id());
    if (all == null || all.isEmpty()) {
      return List.of();
    }
    List<Document> out = new ArrayList<>();
    for (Document other : all) {
      if (other == null || Objects.equals(other.id(), d.id()) || other.type() != d.type()
          || other.status() == DocumentStatus.DRAFT || other.totals() == null || other.totals().gross() == null
          || SETTLEMENT_ORDER.compare(other, d) >= 0) {
        continue;
      }
      out.add(other);
    }
    out.sort(SETTLEMENT_ORDER);
    return out;
  }

  /** The order settlements of one invoice take their shares in: accounting date, piece number, id. */
  private static final Comparator<Document> SETTLEMENT_ORDER = Comparator
      .comparing(Document::bookingDate, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(Document::pieceRef, Comparator.nullsFirst(PieceOrder.NATURAL))
      .thenComparing(Document::id, Comparator.nullsFirst(Comparator.naturalOrder()));

  /**
   * The amount {@code settlement} pays on {@code invoice}, in the invoice's currency; null = the rest
   * of the invoice (a payment in another currency naming the invoice without an amount).
   */
  private static BigDecimal amountFor(Document settlement, Document invoice) {
    BigDecimal remaining = settlement.totals().gross();
    boolean sameCurrency = settlement.currency().equals(invoice.currency());
    for (Allocation a : settlement.allocations()) {
      BigDecimal amount = a.amount() != null ? a.amount() : sameCurrency ? remaining : null;
      if (invoice.id().equals(a.documentId())) {
        return amount;
      }
      if (amount != null) {
        remaining = remaining.subtract(amount).max(BigDecimal.ZERO);
      }
    }
    return BigDecimal.ZERO;
  }

  /** Whether a settlement of this type settles a related document of that type (§2, §5, §7). */
  private static boolean settles(DocumentType settlement, DocumentType related) {
    return switch (settlement) {
      case PAYMENT -> related == DocumentType.INVOICE || related == DocumentType.DEPOSIT_INVOICE;
      case REFUND -> related == DocumentType.CREDIT_NOTE;
      case SUPPLIER_PAYMENT -> related == DocumentType.PURCHASE_INVOICE;
      default -> false;
    };
  }

  private String bankAccount(PaymentInfo payment) {
    return payment.bankAccount() != null && !payment.bankAccount().isBlank() ? payment.bankAccount().trim() : accounts.bank();
  }

  // ---------------------------------------------------------------- the entry

  private BookingResult finish(Document d, List<Posting> postings) {
    String pieceLabel = pieceLabel(d);
    Map<LineKey, Posting> grouped = new LinkedHashMap<>();
    for (Posting p : postings) {
      grouped.merge(new LineKey(p.account(), p.aux()), p, (a, b) -> new Posting(a.account(), a.aux(), a.auxLabel(),
          a.label().equals(b.label()) ? a.label() : pieceLabel, a.currency().add(b.currency()), a.eur().add(b.eur())));
    }
    List<EntryLine> lines = new ArrayList<>();
    for (Posting p : grouped.values()) {
      BigDecimal eur = Money.round(p.eur());
      if (eur.signum() == 0) {
        continue;
      }
      BigDecimal debit = eur.signum() > 0 ? eur : Money.ZERO;
      BigDecimal credit = eur.signum() < 0 ? eur.negate() : Money.ZERO;
      BigDecimal currencyAmount = d.isEuro() ? null : Money.round(p.currency().abs());
      lines.add(new EntryLine(p.account(), AccountLabels.of(p.account()), p.aux(), p.aux() == null ? null : p.auxLabel(),
          p.label(), debit, credit, currencyAmount, d.isEuro() ? null : d.currency()));
    }
    if (lines.isEmpty()) {
      return BookingResult.blocked(List.of(Anomaly.of(AnomalyCode.NOTHING_TO_BOOK, capitalize(d.type().wire().replace('_', ' '))
          + " " + d.pieceRef() + " nets to 0.00 on every account: there is nothing to book")));
    }
    JournalKind journal = d.journal();
    JournalEntry entry = new JournalEntry(settings.journalCode(journal), journal.defaultLabel(), d.bookingDate(),
        d.pieceRef(), d.date(), pieceLabel, d.id(), lines, d.links());
    if (!entry.isBalanced()) {
      return BookingResult.blocked(List.of(Anomaly.of(AnomalyCode.UNBALANCED, "The entry of " + d.pieceRef()
          + " does not balance: debit " + Money.format(entry.totalDebit()) + ", credit " + Money.format(entry.totalCredit()))));
    }
    return BookingResult.booked(entry);
  }

  // ---------------------------------------------------------------- accounts

  /** +1 when the document's lines are debits (credit note, purchase, expense report), -1 when credits. */
  private static int lineSign(DocumentType type) {
    return switch (type) {
      case CREDIT_NOTE, PURCHASE_INVOICE, EXPENSE_REPORT -> 1;
      default -> -1;
    };
  }

  /** The revenue/expense account of a line; null for a purchase line without one. */
  private String lineAccount(DocumentType type, DocumentLine line) {
    String own = line.accountNumber() == null || line.accountNumber().isBlank() ? null : line.accountNumber().trim();
    return switch (type) {
      case PURCHASE_INVOICE, PURCHASE_CREDIT_NOTE -> own;
      case EXPENSE_REPORT -> own != null ? own : accounts.expenses();
      case DEPOSIT_INVOICE -> own != null && own.startsWith("419") ? own : accounts.customerDeposits();
      default -> revenueAccount(accounts, line);
    };
  }

  /**
   * The revenue account a sales line (invoice, credit note, cash sale) is booked on: its
   * {@code accountNumber} trimmed, else {@code revenueGoods} for goods, {@code revenueServices}
   * otherwise (ACCOUNTING §1). Also what the deferred-revenue report reads.
   */
  public static String revenueAccount(AccountMapping accounts, DocumentLine line) {
    String own = line.accountNumber() == null || line.accountNumber().isBlank() ? null : line.accountNumber().trim();
    if (own != null) {
      return own;
    }
    return line.kind() == LineKind.GOODS ? accounts.revenueGoods() : accounts.revenueServices();
  }

  private String vatAccount(Document d, DocumentLine line, String lineAccount) {
    DocumentType type = d.type();
    boolean services = line.kind() != LineKind.GOODS;
    boolean collections = type.isPurchaseSide()
        ? d.vatRegime() != VatRegime.DEBITS // the supplier's regime, collections by default (CGI art. 269-2-c)
        : settings.vatRegimeServices() == VatRegime.COLLECTIONS;
    boolean fixedAsset = lineAccount != null && lineAccount.startsWith("2");
    return switch (type) {
      case PURCHASE_INVOICE, PURCHASE_CREDIT_NOTE -> fixedAsset ? accounts.vatDeductibleFixedAssets()
          : services && collections ? accounts.vatDeductiblePending() : accounts.vatDeductible();
      case EXPENSE_REPORT -> fixedAsset ? accounts.vatDeductibleFixedAssets() : accounts.vatDeductible();
      // cash received at once: the VAT is due at once, whatever the regime
      case CASH_SALE -> accounts.vatCollectedFor(line.vatRate());
      default -> services && collections ? accounts.vatCollectedPending() : accounts.vatCollectedFor(line.vatRate());
    };
  }

  private String counterpartAccount(DocumentType type) {
    if (type == DocumentType.EXPENSE_REPORT) {
      return accounts.employee();
    }
    return type.isPurchaseSide() ? accounts.supplier() : accounts.customer();
  }

  private String auxPrefix(DocumentType type) {
    if (type == DocumentType.EXPENSE_REPORT) {
      return accounts.employeeAuxPrefix();
    }
    return type.isPurchaseSide() ? accounts.supplierAuxPrefix() : accounts.customerAuxPrefix();
  }

  private boolean isDepositAccount(String account) {
    return account != null && (account.trim().startsWith("4191") || account.trim().equals(accounts.customerDeposits()));
  }

  /** The customer auxiliary account a sales document of {@code party} books on (the accounts file lists them). */
  public static String customerAuxiliaryAccount(TenantSettings settings, Counterparty party) {
    return auxOf(party, settings.accounts().customerAuxPrefix()).map(Aux::account).orElse(null);
  }

  /** The supplier auxiliary account a purchase-side document of {@code party} books on (listed too). */
  public static String supplierAuxiliaryAccount(TenantSettings settings, Counterparty party) {
    return auxOf(party, settings.accounts().supplierAuxPrefix()).map(Aux::account).orElse(null);
  }

  /**
   * The counterparty's auxiliary account: its own, else prefix + id, at most 17 upper-case letters
   * and digits. An id that is not already that (lower case, other characters) or that is too long
   * gets a stable suffix of {@value #AUX_HASH_LENGTH} characters hashed from the whole id, so that
   * two different ids never share a sub-account ({@code c-1}, {@code C1} and {@code c1} are three).
   */
  static Optional<Aux> auxOf(Counterparty party, String prefix) {
    if (party == null) {
      return Optional.empty();
    }
    String account = party.accountNumber() == null ? "" : clean(party.accountNumber());
    if (account.isEmpty()) {
      String raw = party.id() == null ? "" : party.id().trim();
      String id = NOT_ALPHANUMERIC.matcher(raw.toUpperCase(Locale.ROOT)).replaceAll("");
      if (id.isEmpty()) {
        return Optional.empty();
      }
      String p = prefix == null ? "" : prefix;
      if (id.equals(raw) && p.length() + id.length() <= AUX_MAX_LENGTH) {
        account = p + id;
      } else {
        String suffix = auxHash(raw);
        int room = Math.max(0, AUX_MAX_LENGTH - p.length() - suffix.length());
        account = p + id.substring(0, Math.min(id.length(), room)) + suffix;
      }
    }
    String name = clean(party.name());
    return Optional.of(new Aux(account, name.isEmpty() ? account : name));
  }

  /** Six base-36 characters (0-9, A-Z) of the SHA-256 of the id: the same id always gives the same ones. */
  static String auxHash(String id) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      long value = 0;
      for (int i = 0; i < 8; i++) {
        value = (value << 8) | (digest[i] & 0xff);
      }
      String text = Long.toString(value & Long.MAX_VALUE, 36).toUpperCase(Locale.ROOT);
      text = "0".repeat(Math.max(0, AUX_HASH_LENGTH - text.length())) + text;
      return text.substring(text.length() - AUX_HASH_LENGTH);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Anomaly missingCounterparty(Document d) {
    String role = d.type() == DocumentType.EXPENSE_REPORT ? "employee"
        : d.type().isPurchaseSide() ? "supplier" : "customer";
    return Anomaly.of(AnomalyCode.MISSING_ACCOUNT, capitalize(d.type().wire().replace('_', ' ')) + " "
        + d.pieceRef() + " has no " + role + " with an accountNumber or an id: its auxiliary account"
        + " cannot be derived");
  }

  // ---------------------------------------------------------------- amounts

  /** Totals present, net + vat = gross (line documents), an exchange rate for a foreign currency. */
  private static boolean checkAmounts(Document d, List<Anomaly> anomalies) {
    Totals t = d.totals();
    if (t == null || t.gross() == null || (!d.type().isSettlement() && (t.net() == null || t.vat() == null))) {
      anomalies.add(Anomaly.of(AnomalyCode.UNBALANCED, capitalize(d.type().wire().replace('_', ' ')) + " "
          + d.pieceRef() + " has no totals"));
      return false;
    }
    boolean ok = true;
    if (!d.type().isSettlement() && t.net().add(t.vat()).compareTo(t.gross()) != 0) {
      anomalies.add(Anomaly.of(AnomalyCode.UNBALANCED, capitalize(d.type().wire().replace('_', ' ')) + " "
          + d.pieceRef() + ": totals.net + totals.vat = " + Money.format(t.net().add(t.vat()))
          + " but totals.gross = " + Money.format(t.gross())));
      ok = false;
    }
    if (!d.isEuro() && (d.exchangeRate() == null || d.exchangeRate().signum() <= 0)) {
      anomalies.add(Anomaly.of(AnomalyCode.UNBALANCED, capitalize(d.type().wire().replace('_', ' ')) + " "
          + d.pieceRef() + " is in " + d.currency() + " without an exchange rate: it cannot be booked in EUR"));
      ok = false;
    }
    return ok;
  }

  private static Anomaly beyondRounding(Document d, String what, BigDecimal lines, BigDecimal total,
      BigDecimal residual, BigDecimal tolerance) {
    return Anomaly.of(AnomalyCode.UNBALANCED, capitalize(d.type().wire().replace('_', ' ')) + " " + d.pieceRef()
        + ": its lines add up to " + Money.format(lines) + " " + what + " but its totals say " + Money.format(total)
        + " (difference " + residual.abs().toPlainString() + ", more than the rounding tolerance of "
        + tolerance.toPlainString() + " for " + d.lines().size() + " line(s))");
  }

  /** Document currency → EUR, half-up to the cent (exchangeRate = units of currency per 1 EUR). */
  private static BigDecimal toEur(Document d, BigDecimal amount) {
    return d.isEuro() ? Money.round(amount) : amount.divide(d.exchangeRate(), Money.SCALE, RoundingMode.HALF_UP);
  }

  private static BigDecimal orZero(BigDecimal value) {
    return value == null ? BigDecimal.ZERO : value;
  }

  private static Optional<Document> find(DocumentLookup lookup, String id) {
    Optional<Document> found = lookup.find(id);
    return found == null ? Optional.empty() : found;
  }

  // ---------------------------------------------------------------- labels

  /** "<pieceRef> - <counterparty name>", never empty, without tabs, pipes or line breaks. */
  static String pieceLabel(Document d) {
    String name = d.counterparty() == null ? "" : clean(d.counterparty().name());
    String ref = clean(d.pieceRef());
    String label = clean(name.isEmpty() ? ref : ref + " - " + name);
    if (label.isEmpty()) {
      label = d.id() == null || clean(d.id()).isEmpty() ? d.type().wire() : clean(d.id());
    }
    return label;
  }

  /** Tabs, pipes, CR and LF become spaces; runs of spaces collapse; trimmed; null becomes "". */
  static String clean(String text) {
    if (text == null) {
      return "";
    }
    return SPACES.matcher(UNPRINTABLE.matcher(text).replaceAll(" ")).replaceAll(" ").trim();
  }

  private static String capitalize(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  // ---------------------------------------------------------------- internal types

  /** One signed amount before grouping: positive = debit, in document currency and EUR. */
  private record Posting(String account, String aux, String auxLabel, String label, BigDecimal currency, BigDecimal eur) {
    Posting withAmounts(BigDecimal newCurrency, BigDecimal newEur) {
      return new Posting(account, aux, auxLabel, label, newCurrency, newEur);
    }
  }

  /** A signed (account, VAT rate) group of a line document; {@code vat} for VAT accounts. */
  private record Group(String account, BigDecimal rate, boolean vat, String label, BigDecimal currency, BigDecimal eur) {}

  private record GroupKey(String account, BigDecimal rate) {}

  private record LineKey(String account, String aux) {}

  record Aux(String account, String label) {}

  /** What one settlement does to one invoice (see {@code settlement}). */
  private record Settlement(BigDecimal covered, BigDecimal clearedEur, Map<Group, BigDecimal> transfers) {}

  /** covered / whole of an amount, half-up to the cent. */
  private record Share(BigDecimal covered, BigDecimal whole) {
    BigDecimal of(BigDecimal amount) {
      return amount.multiply(covered).divide(whole, Money.SCALE, RoundingMode.HALF_UP);
    }
  }
}
