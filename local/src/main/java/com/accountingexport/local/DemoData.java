package com.accountingexport.local;

import com.accountingexport.core.document.Address;
import com.accountingexport.core.document.Counterparty;
import com.accountingexport.core.document.Document;
import com.accountingexport.core.document.DocumentLine;
import com.accountingexport.core.document.DocumentStatus;
import com.accountingexport.core.document.DocumentType;
import com.accountingexport.core.document.LineKind;
import com.accountingexport.core.document.PaymentInfo;
import com.accountingexport.core.document.ServicePeriod;
import com.accountingexport.core.document.Totals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The demo tenant's documents: "Demo Informatique SAS", a small IT services firm that also sells
 * hardware, over the current calendar year up to today. Deterministic for a given {@code today}
 * and seed (java.util.Random), about 400 documents of every type, with what makes an accountant's
 * life interesting: several VAT rates (20 %, 10 %, 5.5 %), VAT totals per rate that differ by a
 * cent from the sum of the lines, credit notes, deposit invoices and final invoices deducting them
 * (a negative 419100 line), partial payments, refunds, Chorus Pro customers, and documents that
 * are blocked (purchase lines without an account, payments made outside the platform, drafts,
 * documents pending validation).
 *
 * <p>The list is ordered so that a document comes after those it refers to (by date, then type).
 */
public final class DemoData {
  public static final String TENANT = "demo";
  public static final long DEFAULT_SEED = 20_26_11L;

  private static final BigDecimal R20 = new BigDecimal("20.00");
  private static final BigDecimal R10 = new BigDecimal("10.00");
  private static final BigDecimal R55 = new BigDecimal("5.50");
  private static final BigDecimal R0 = new BigDecimal("0.00");
  private static final BigDecimal ZERO = new BigDecimal("0.00");
  private static final DateTimeFormatter FR_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private final LocalDate today;
  private final LocalDate start;
  private final int days;
  private final Random rnd;
  private final List<Document> out = new ArrayList<>();
  private final Map<String, Integer> counters = new TreeMap<>();

  private final List<Counterparty> customers = new ArrayList<>();
  private final List<Counterparty> chorusCustomers = new ArrayList<>();
  private final List<Supplier> suppliers = new ArrayList<>();
  private final List<Counterparty> employees = new ArrayList<>();
  private Counterparty walkIn;

  private DemoData(LocalDate today, long seed) {
    this.today = today;
    this.start = LocalDate.of(today.getYear(), 1, 1);
    this.days = today.getDayOfYear();
    this.rnd = new Random(seed);
  }

  /** The demo documents for the year of {@code today}, dated from 1 January to {@code today}. */
  public static List<Document> generate(LocalDate today) {
    return generate(today, DEFAULT_SEED);
  }

  public static List<Document> generate(LocalDate today, long seed) {
    return new DemoData(today, seed).build();
  }

  // ---------------------------------------------------------------------------------------------
  // Catalogues

  private record Item(String label, LineKind kind, BigDecimal rate, int minCents, int maxCents, int maxQty) {}

  private record Supplier(Counterparty party, String code, String account, BigDecimal rate, String method, List<String> labels) {}

  private static final List<Item> SALES_ITEMS = List.of(
      new Item("Développement spécifique (jour)", LineKind.SERVICES, R20, 450_00, 750_00, 5),
      new Item("Maintenance applicative – forfait mensuel", LineKind.SERVICES, R20, 180_00, 950_00, 1),
      new Item("Formation Excel avancé (jour)", LineKind.SERVICES, R20, 690_00, 1_150_00, 3),
      new Item("Audit de sécurité informatique", LineKind.SERVICES, R20, 1_200_00, 4_800_00, 1),
      new Item("Assistance utilisateurs (heure)", LineKind.SERVICES, R20, 55_00, 95_00, 8),
      new Item("Hébergement serveur – abonnement mensuel", LineKind.SERVICES, R20, 39_90, 249_00, 1),
      new Item("Ordinateur portable 14 pouces", LineKind.GOODS, R20, 649_00, 1_490_00, 4),
      new Item("Écran 27 pouces", LineKind.GOODS, R20, 189_90, 429_00, 6),
      new Item("Station d'accueil USB-C", LineKind.GOODS, R20, 89_90, 229_00, 6),
      new Item("Licence logicielle annuelle", LineKind.GOODS, R20, 79_00, 590_00, 10),
      new Item("Câble HDMI 2 m", LineKind.GOODS, R20, 7_49, 19_90, 10),
      new Item("Ouvrage technique « Réseaux et sécurité »", LineKind.GOODS, R55, 24_90, 59_00, 5),
      new Item("Installation et raccordement à domicile", LineKind.SERVICES, R10, 85_00, 390_00, 2),
      new Item("Déplacement et mise en service sur site", LineKind.SERVICES, R20, 45_00, 180_00, 2));

  private static final List<Item> COUNTER_ITEMS = List.of(
      new Item("Clé USB 64 Go", LineKind.GOODS, R20, 9_90, 19_90, 3),
      new Item("Souris sans fil", LineKind.GOODS, R20, 14_90, 39_90, 2),
      new Item("Cartouche d'encre", LineKind.GOODS, R20, 12_49, 44_90, 4),
      new Item("Câble de charge USB-C", LineKind.GOODS, R20, 7_99, 24_90, 3),
      new Item("Livre « Python pour débutants »", LineKind.GOODS, R55, 19_90, 34_50, 2),
      new Item("Réparation express smartphone", LineKind.SERVICES, R20, 39_00, 129_00, 1),
      new Item("Installation logicielle à domicile", LineKind.SERVICES, R10, 49_00, 99_00, 1));

  // ---------------------------------------------------------------------------------------------

  private List<Document> build() {
    parties();
    List<Document> invoices = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      invoices.add(salesInvoice(i));
    }
    invoices.addAll(perRateRoundingInvoices());
    out.addAll(invoices);

    List<Document> validated = invoices.stream().filter(d -> d.status() == DocumentStatus.VALIDATED).toList();
    Map<String, BigDecimal> credited = new TreeMap<>();
    Map<String, LocalDate> creditedOn = new TreeMap<>();
    List<Document> refundable = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      Document inv = validated.get(rnd.nextInt(validated.size()));
      if (credited.containsKey(inv.id())) {
        continue;
      }
      Document cn = creditNote(inv, i % 4 == 0);
      out.add(cn);
      credited.put(inv.id(), cn.totals().gross());
      creditedOn.put(inv.id(), cn.date());
      if (refundable.size() < 4 && cn.totals().gross().compareTo(inv.totals().gross()) < 0) {
        refundable.add(cn);
      }
    }

    List<Document> deposits = new ArrayList<>();
    List<Document> finals = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Document[] pair = depositAndFinal(i);
      deposits.add(pair[0]);
      out.add(pair[0]);
      if (pair[1] != null) {
        finals.add(pair[1]);
        out.add(pair[1]);
      }
    }

    customerPayments(validated, credited, creditedOn, refundable, deposits, finals);
    purchases();
    cashSales();
    expenseReports();
    return ordered(numbered(out));
  }

  // ---------------------------------------------------------------------------------------------
  // Counterparties

  private void parties() {
    String[][] c = {
        {"Boulangerie Martin SARL", "Lyon", "69003", "12 rue de la République"},
        {"Garage Dubois & Fils", "Nantes", "44000", "4 avenue Jean Jaurès"},
        {"Cabinet d'architectes Lefèvre", "Bordeaux", "33000", "27 cours Victor Hugo"},
        {"Pharmacie Moreau", "Toulouse", "31000", "8 place du Capitole"},
        {"Hôtel Le Relais de la Loire", "Tours", "37000", "15 quai Paul Bert"},
        {"SAS Bernard Logistique", "Lille", "59000", "102 rue Nationale"},
        {"Atelier Petit Menuiserie", "Rennes", "35000", "3 rue de Saint-Malo"},
        {"Clinique vétérinaire Roux", "Montpellier", "34000", "21 avenue de Toulouse"},
        {"Fromagerie Fournier", "Annecy", "74000", "6 rue Royale"},
        {"Librairie Girard", "Strasbourg", "67000", "18 rue des Hallebardes"},
        {"SARL Bonnet Plomberie", "Dijon", "21000", "44 rue de la Liberté"},
        {"Agence immobilière Lambert", "Nice", "06000", "9 boulevard Gambetta"},
        {"Restaurant Chez Fontaine", "Marseille", "13001", "31 rue de la Canebière"},
        {"Cave Rousseau Vins", "Reims", "51100", "2 place Drouet d'Erlon"},
        {"Transports Mercier", "Grenoble", "38000", "57 cours Jean Jaurès"},
        {"Studio Blanc Design", "Paris", "75011", "13 rue Oberkampf"},
        {"EURL Guérin Conseil", "Angers", "49000", "7 boulevard Foch"},
        {"Domaine Faure", "Beaune", "21200", "1 route de Savigny"}};
    for (int i = 0; i < c.length; i++) {
      String siret = siret();
      Address a = new Address(c[i][3], null, c[i][2], c[i][1], "FR", null);
      customers.add(new Counterparty(String.format("CUS-%04d", i + 1), c[i][0], String.format("411C%04d", i + 1),
          siret, vatNumber(siret), "FR", a, null, false, "compta@" + slug(c[i][0]) + ".fr"));
    }
    String[][] chorus = {
        {"Mairie de Villeneuve-sur-Lot", "Villeneuve-sur-Lot", "47300", "Place de la Libération"},
        {"Centre hospitalier de Valence", "Valence", "26000", "179 boulevard du Maréchal Juin"}};
    for (int i = 0; i < chorus.length; i++) {
      String siret = siret();
      Address a = new Address(chorus[i][3], "Service facturier", chorus[i][2], chorus[i][1], "FR", siret);
      chorusCustomers.add(new Counterparty(String.format("PUB-%04d", i + 1), chorus[i][0], String.format("411P%04d", i + 1),
          siret, vatNumber(siret), "FR", a, a, true, null));
    }
    Object[][] s = {
        {"EDF Entreprises", "EDF", "606100", R20, "direct_debit", List.of("Électricité – consommation", "Abonnement électricité")},
        {"Orange Business", "ORA", "626000", R20, "direct_debit", List.of("Abonnement fibre professionnelle", "Forfaits mobiles")},
        {"Bureau Vallée Lyon Part-Dieu", "BUV", "606400", R20, "card", List.of("Ramettes papier A4", "Fournitures de bureau")},
        {"SCI Les Tilleuls", "SCI", "613200", R20, "transfer", List.of("Loyer des bureaux", "Charges locatives")},
        {"Transports Girard", "TRG", "624100", R20, "transfer", List.of("Livraison matériel client", "Transport sur palette")},
        {"Fiduciaire Lefort & Associés", "FIL", "622600", R20, "transfer", List.of("Honoraires tenue comptable", "Honoraires conseil social")},
        {"Manutan France", "MAN", "606300", R20, "transfer", List.of("Petit outillage", "Rayonnage atelier")},
        {"OVHcloud", "OVH", "613500", R20, "card", List.of("Location serveur dédié", "Stockage objet")},
        {"Ingram Micro France", "ING", "607000", R20, "transfer", List.of("Achat ordinateurs portables", "Achat écrans 27 pouces", "Achat stations d'accueil")},
        {"Éditions ENI", "ENI", "607000", R55, "transfer", List.of("Ouvrages techniques pour revente")},
        {"AXA France IARD", "AXA", "616000", R0, "direct_debit", List.of("Assurance multirisque professionnelle")}};
    for (int i = 0; i < s.length; i++) {
      String siret = siret();
      Address a = new Address((10 + i) + " rue du Commerce", null, "75015", "Paris", "FR", null);
      @SuppressWarnings("unchecked")
      List<String> labels = (List<String>) s[i][5];
      suppliers.add(new Supplier(
          new Counterparty(String.format("SUP-%04d", i + 1), (String) s[i][0], String.format("401F%04d", i + 1),
              siret, vatNumber(siret), "FR", a, null, false, null),
          (String) s[i][1], (String) s[i][2], (BigDecimal) s[i][3], (String) s[i][4], labels));
    }
    String[] e = {"Camille Bernard", "Julien Moreau", "Sophie Lambert", "Nicolas Garnier"};
    for (int i = 0; i < e.length; i++) {
      employees.add(new Counterparty(String.format("EMP-%04d", i + 1), e[i], String.format("421E%04d", i + 1),
          null, null, "FR", null, null, false, slug(e[i]).replace('-', '.') + "@demo-informatique.fr"));
    }
    walkIn = new Counterparty("WALK-IN", "Clients comptoir", null, null, null, "FR", null, null, false, null);
  }

  // ---------------------------------------------------------------------------------------------
  // Sales

  private Document salesInvoice(int i) {
    boolean chorus = i % 12 == 5;
    Counterparty customer = chorus ? chorusCustomers.get((i / 12) % 2) : pick(customers);
    LocalDate date = randomDate();
    int n = 1 + rnd.nextInt(4);
    List<DocumentLine> lines = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      lines.add(line(pick(SALES_ITEMS), date));
    }
    DocumentStatus status = i % 30 == 7 ? DocumentStatus.DRAFT : DocumentStatus.VALIDATED;
    String engagement = chorus ? "EJ" + digits(10) : null;
    String po = !chorus && rnd.nextInt(10) < 3 ? "BC-" + digits(6) : null;
    return doc(id("inv"), DocumentType.INVOICE, date, status, customer, lines, null, null, null, engagement, po);
  }

  /** Invoices whose VAT, computed per rate as printed, is one cent off the sum of the lines' VAT. */
  private List<Document> perRateRoundingInvoices() {
    List<Document> docs = new ArrayList<>();
    String[][] pairs = {{"10.03", "10.03"}, {"12.53", "8.78"}, {"0.08", "0.08"}};
    String[] labels = {"Câble HDMI 2 m", "Adaptateur USB-C vers HDMI", "Frais de port"};
    for (String[] p : pairs) {
      LocalDate date = randomDate();
      List<DocumentLine> lines = new ArrayList<>();
      for (int k = 0; k < p.length; k++) {
        BigDecimal net = new BigDecimal(p[k]);
        lines.add(new DocumentLine(labels[k], LineKind.GOODS, net, R20, vat(net, R20), null, null));
      }
      docs.add(doc(id("inv"), DocumentType.INVOICE, date, DocumentStatus.VALIDATED, pick(customers), lines,
          null, null, null, null, null));
    }
    return docs;
  }

  private Document creditNote(Document inv, boolean full) {
    LocalDate date = after(inv.date(), 1, 20);
    List<DocumentLine> lines;
    if (full) {
      lines = inv.lines().stream()
          .map(l -> new DocumentLine("Annulation – " + l.label(), l.kind(), l.netAmount(), l.vatRate(), l.vatAmount(),
              l.accountNumber(), l.servicePeriod()))
          .toList();
    } else {
      DocumentLine first = inv.lines().get(0);
      BigDecimal net = first.netAmount().multiply(new BigDecimal("0.10")).setScale(2, RoundingMode.HALF_UP);
      if (net.signum() == 0) {
        net = new BigDecimal("0.01");
      }
      lines = List.of(new DocumentLine("Remise commerciale 10 % – " + first.label(), first.kind(), net, first.vatRate(),
          vat(net, first.vatRate()), null, null));
    }
    return doc(id("cn"), DocumentType.CREDIT_NOTE, date, DocumentStatus.VALIDATED, inv.counterparty(), lines,
        inv.id(), null, null, inv.engagementNumber(), inv.purchaseOrderNumber());
  }

  /** A deposit invoice (30 % of a project) and, once the project is delivered, its final invoice. */
  private Document[] depositAndFinal(int i) {
    String[] projects = {"Refonte du site intranet", "Migration vers le cloud", "Déploiement de 25 postes",
        "Application de gestion des stocks", "Mise en conformité RGPD", "Câblage réseau des nouveaux locaux",
        "Développement d'un portail client", "Modernisation de la téléphonie"};
    Counterparty customer = i % 4 == 3 ? chorusCustomers.get(i % 2) : pick(customers);
    LocalDate depositDate = start.plusDays(rnd.nextInt(Math.max(1, days * 7 / 10)));
    List<DocumentLine> project = new ArrayList<>();
    project.add(new DocumentLine(projects[i] + " – conception", LineKind.SERVICES, cents(3_000_00, 9_000_00), R20, null, null, null));
    project.add(new DocumentLine(projects[i] + " – réalisation", LineKind.SERVICES, cents(6_000_00, 24_000_00), R20, null, null, null));
    if (i % 2 == 0) {
      project.add(new DocumentLine("Matériel – " + projects[i], LineKind.GOODS, cents(1_500_00, 8_000_00), R20, null, null, null));
    }
    project = project.stream().map(l -> withVat(l)).toList();
    BigDecimal full = project.stream().map(DocumentLine::netAmount).reduce(ZERO, BigDecimal::add);
    BigDecimal depositNet = full.multiply(new BigDecimal("0.30")).setScale(2, RoundingMode.HALF_UP);
    String engagement = customer.chorus() ? "EJ" + digits(10) : null;
    String po = customer.chorus() ? null : "BC-" + digits(6);
    DocumentLine depositLine = new DocumentLine("Acompte 30 % – " + projects[i], LineKind.SERVICES, depositNet, R20,
        vat(depositNet, R20), null, null);
    Document deposit = doc(id("dep"), DocumentType.DEPOSIT_INVOICE, depositDate, DocumentStatus.VALIDATED, customer,
        List.of(depositLine), null, null, null, engagement, po);
    LocalDate finalDate = depositDate.plusDays(20 + rnd.nextInt(60));
    if (finalDate.isAfter(today)) {
      return new Document[] {deposit, null};
    }
    List<DocumentLine> lines = new ArrayList<>(project);
    lines.add(new DocumentLine("Déduction de l'acompte du " + FR_DATE.format(depositDate), LineKind.SERVICES,
        depositNet.negate(), R20, depositLine.vatAmount().negate(), "419100", null));
    Document fin = doc(id("inv"), DocumentType.INVOICE, finalDate, DocumentStatus.VALIDATED, customer, lines,
        deposit.id(), List.of(deposit.id()), null, engagement, po);
    return new Document[] {deposit, fin};
  }

  private void customerPayments(List<Document> invoices, Map<String, BigDecimal> credited, Map<String, LocalDate> creditedOn,
      List<Document> refundable, List<Document> deposits, List<Document> finals) {
    List<String> refundInvoices = refundable.stream().map(Document::relatedDocumentId).toList();
    int external = 0;
    List<Document> payable = new ArrayList<>(invoices);
    payable.addAll(deposits);
    payable.addAll(finals);
    for (Document inv : payable) {
      BigDecimal gross = inv.totals().gross();
      BigDecimal creditedAmount = credited.getOrDefault(inv.id(), ZERO);
      boolean refundCase = refundInvoices.contains(inv.id());
      LocalDate earliest = inv.date();
      BigDecimal due = gross;
      if (creditedAmount.signum() > 0 && !refundCase) {
        due = gross.subtract(creditedAmount);
        earliest = creditedOn.get(inv.id());
      }
      if (due.signum() <= 0) {
        continue;
      }
      int roll = rnd.nextInt(100);
      if (!refundCase && roll >= 82) {
        continue; // unpaid yet
      }
      LocalDate paidAt = refundCase ? within(inv.date(), 0, 2) : within(earliest, 0, 45);
      BigDecimal amount = due;
      if (!refundCase && roll >= 72) {
        amount = due.multiply(BigDecimal.valueOf(40 + rnd.nextInt(31))).divide(BigDecimal.valueOf(100), 0, RoundingMode.DOWN)
            .setScale(2, RoundingMode.UNNECESSARY);
        if (amount.signum() <= 0) {
          amount = due;
        }
      }
      boolean ext = !refundCase && roll % 13 == 0 && external < 6;
      if (ext) {
        external++;
      }
      String method = ext ? "transfer" : pickMethod();
      String bank = "card".equals(method) ? "512100" : "512000";
      out.add(settlement(id("pay"), DocumentType.PAYMENT, paidAt, inv.counterparty(), amount, inv.id(),
          new PaymentInfo(method, bank, paidAt, ext)));
    }
    for (Document cn : refundable) {
      LocalDate date = after(cn.date(), 2, 15);
      out.add(settlement(id("ref"), DocumentType.REFUND, date, cn.counterparty(), cn.totals().gross(), cn.relatedDocumentId(),
          new PaymentInfo("transfer", "512000", date, false)));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Purchases

  private void purchases() {
    List<Document> invoices = new ArrayList<>();
    for (int i = 0; i < 52; i++) {
      Supplier s = suppliers.get(i % suppliers.size());
      LocalDate date = randomDate();
      int n = 1 + rnd.nextInt(Math.min(3, s.labels().size() + 1));
      List<DocumentLine> lines = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        String label = s.labels().get(k % s.labels().size()) + " – " + MONTHS[date.getMonthValue() - 1];
        BigDecimal net = cents(25_00, s.account().equals("607000") ? 4_500_00 : 1_200_00);
        String account = s.account();
        if (i % 13 == 4 && k == 0) {
          account = null; // blocked: the bookkeeper has not chosen the expense account yet
        }
        LineKind kind = s.account().startsWith("60") ? LineKind.GOODS : LineKind.SERVICES;
        lines.add(new DocumentLine(label, kind, net, s.rate(), vat(net, s.rate()), account, null));
      }
      if (i == 17) {
        BigDecimal net = new BigDecimal("1149.00");
        lines.add(new DocumentLine("Ordinateur portable Dell Latitude (immobilisation)", LineKind.GOODS, net, R20,
            vat(net, R20), "218300", null));
      }
      DocumentStatus status = DocumentStatus.VALIDATED;
      if (i % 17 == 9) {
        status = DocumentStatus.PENDING_VALIDATION;
      } else if (i == 40) {
        status = DocumentStatus.VALIDATION_REFUSED;
      }
      LocalDate periodEnd = i % 19 == 3 ? date.with(TemporalAdjusters.lastDayOfMonth()) : null;
      String number = s.code() + "-" + date.getYear() + "-" + digits(6);
      Document d = new Document(id("pinv"), DocumentType.PURCHASE_INVOICE, number, date, status, "EUR", null, s.party(),
          lines, totals(lines), null, List.of(), null, null, null, periodEnd);
      invoices.add(d);
      out.add(d);
    }
    Map<String, BigDecimal> credited = new TreeMap<>();
    List<Document> validated = invoices.stream()
        .filter(d -> d.status() == DocumentStatus.VALIDATED && d.lines().stream().allMatch(l -> l.accountNumber() != null))
        .toList();
    for (int i = 0; i < 3; i++) {
      Document inv = validated.get((i * 7 + 2) % validated.size());
      DocumentLine first = inv.lines().get(0);
      BigDecimal net = first.netAmount().multiply(new BigDecimal("0.20")).setScale(2, RoundingMode.HALF_UP);
      List<DocumentLine> lines = List.of(new DocumentLine("Avoir – " + first.label(), first.kind(), net, first.vatRate(),
          vat(net, first.vatRate()), first.accountNumber(), null));
      LocalDate date = after(inv.date(), 3, 25);
      Document cn = new Document(id("pcn"), DocumentType.PURCHASE_CREDIT_NOTE, "AV-" + inv.number(), date,
          DocumentStatus.VALIDATED, "EUR", null, inv.counterparty(), lines, totals(lines), inv.id(), List.of(), null,
          null, null, null);
      out.add(cn);
      credited.put(inv.id(), cn.totals().gross());
    }
    for (Document inv : invoices) {
      if (inv.status() != DocumentStatus.VALIDATED || rnd.nextInt(100) >= 78) {
        continue;
      }
      LocalDate paidAt = within(inv.date(), 5, 40);
      Supplier s = suppliers.stream().filter(x -> x.party().id().equals(inv.counterparty().id())).findFirst().orElseThrow();
      BigDecimal amount = inv.totals().gross().subtract(credited.getOrDefault(inv.id(), ZERO));
      String method = "card".equals(s.method()) ? "card" : s.method();
      out.add(settlement(id("spay"), DocumentType.SUPPLIER_PAYMENT, paidAt, inv.counterparty(), amount, inv.id(),
          new PaymentInfo(method, "card".equals(method) ? "512100" : "512000", paidAt, false)));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Counter sales and expense reports

  private void cashSales() {
    for (int i = 0; i < 32; i++) {
      LocalDate date = randomDate();
      int n = 1 + rnd.nextInt(3);
      List<DocumentLine> lines = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        lines.add(line(pick(COUNTER_ITEMS), date));
      }
      String method = rnd.nextInt(3) == 0 ? "card" : "cash";
      Document d = new Document(id("cash"), DocumentType.CASH_SALE, null, date, DocumentStatus.VALIDATED, "EUR", null,
          walkIn, lines, totals(lines), null, List.of(), new PaymentInfo(method, "530000", date, false), null, null, null);
      out.add(d);
    }
  }

  private void expenseReports() {
    for (int i = 0; i < 16; i++) {
      Counterparty employee = employees.get(i % employees.size());
      LocalDate date = randomDate();
      List<DocumentLine> lines = new ArrayList<>();
      String city = pick(List.of("Lyon", "Lille", "Nantes", "Bordeaux", "Marseille", "Strasbourg"));
      // train and hotel: VAT not deductible, kept inside the net amount (vatAmount 0)
      lines.add(new DocumentLine("Billet de train Paris – " + city, LineKind.SERVICES, cents(39_00, 189_00), R0, ZERO, "625100", null));
      if (rnd.nextBoolean()) {
        lines.add(new DocumentLine("Hôtel à " + city + " (1 nuit)", LineKind.SERVICES, cents(79_00, 165_00), R0, ZERO, "625600", null));
      }
      if (rnd.nextBoolean()) {
        BigDecimal net = cents(28_00, 240_00);
        lines.add(new DocumentLine("Déjeuner avec un client à " + city, LineKind.SERVICES, net, R10, vat(net, R10), "625700", null));
      }
      if (rnd.nextBoolean()) {
        BigDecimal net = cents(4_50, 38_00);
        lines.add(new DocumentLine("Parking et péage", LineKind.SERVICES, net, R20, vat(net, R20), "625100", null));
      }
      Document d = new Document(id("ndf"), DocumentType.EXPENSE_REPORT, null, date, DocumentStatus.VALIDATED, "EUR", null,
          employee, lines, totals(lines), null, List.of(), null, null, null, null);
      out.add(d);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private static final String[] MONTHS = {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
      "septembre", "octobre", "novembre", "décembre"};

  private Document doc(String id, DocumentType type, LocalDate date, DocumentStatus status, Counterparty cp,
      List<DocumentLine> lines, String related, List<String> deposits, PaymentInfo payment, String engagement, String po) {
    return new Document(id, type, null, date, status, "EUR", null, cp, lines, totals(lines), related, deposits, payment,
        engagement, po, null);
  }

  private Document settlement(String id, DocumentType type, LocalDate date, Counterparty cp, BigDecimal amount,
      String related, PaymentInfo payment) {
    return new Document(id, type, null, date, DocumentStatus.VALIDATED, "EUR", null, cp, List.of(),
        new Totals(amount, ZERO, amount), related, List.of(), payment, null, null, null);
  }

  private DocumentLine line(Item item, LocalDate date) {
    int qty = 1 + rnd.nextInt(item.maxQty());
    BigDecimal unit = cents(item.minCents(), item.maxCents());
    BigDecimal net = unit.multiply(BigDecimal.valueOf(qty));
    String label = qty > 1 ? item.label() + " × " + qty : item.label();
    ServicePeriod period = null;
    if (item.label().contains("mensuel")) {
      LocalDate from = date.withDayOfMonth(1);
      period = new ServicePeriod(from, from.with(TemporalAdjusters.lastDayOfMonth()));
    }
    return new DocumentLine(label, item.kind(), net, item.rate(), vat(net, item.rate()), null, period);
  }

  private static DocumentLine withVat(DocumentLine l) {
    return new DocumentLine(l.label(), l.kind(), l.netAmount(), l.vatRate(), vat(l.netAmount(), l.vatRate()),
        l.accountNumber(), l.servicePeriod());
  }

  /** Line VAT, rounded half-up per line. */
  static BigDecimal vat(BigDecimal net, BigDecimal rate) {
    return net.multiply(rate).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
  }

  /**
   * Totals as printed: net = Σ lines, VAT per rate on the rate's base (the legal breakdown), so it
   * may differ by a cent from Σ line VAT; gross = net + VAT exactly. Non-deductible VAT arrives
   * inside the net of a 0 % line (ACCOUNTING.md §1).
   */
  static Totals totals(List<DocumentLine> lines) {
    BigDecimal net = ZERO;
    Map<BigDecimal, BigDecimal> base = new TreeMap<>();
    for (DocumentLine l : lines) {
      net = net.add(l.netAmount());
      base.merge(l.vatRate().stripTrailingZeros(), l.netAmount(), BigDecimal::add);
    }
    BigDecimal vat = ZERO;
    for (Map.Entry<BigDecimal, BigDecimal> e : base.entrySet()) {
      vat = vat.add(vat(e.getValue(), e.getKey()));
    }
    return new Totals(net.setScale(2), vat.setScale(2), net.add(vat).setScale(2));
  }

  private BigDecimal cents(int min, int max) {
    return BigDecimal.valueOf(min + (long) rnd.nextInt(max - min + 1), 2);
  }

  private LocalDate randomDate() {
    return start.plusDays(rnd.nextInt(days));
  }

  /**
   * A date {@code min..max} days after {@code d}, the range shrunk to end today at the latest (so
   * that early in the year documents are paid as often, only sooner).
   */
  private LocalDate within(LocalDate d, int min, int max) {
    long left = java.time.temporal.ChronoUnit.DAYS.between(d, today);
    int hi = (int) Math.max(0, Math.min(max, left));
    int lo = Math.min(min, hi);
    return d.plusDays(lo + rnd.nextInt(hi - lo + 1));
  }

  /** A date {@code min..max} days after {@code d}, never after today. */
  private LocalDate after(LocalDate d, int min, int max) {
    LocalDate x = d.plusDays(min + rnd.nextInt(max - min + 1));
    return x.isAfter(today) ? (d.isAfter(today) ? d : today) : x;
  }

  private <T> T pick(List<T> list) {
    return list.get(rnd.nextInt(list.size()));
  }

  private String pickMethod() {
    int r = rnd.nextInt(100);
    return r < 55 ? "transfer" : r < 75 ? "card" : r < 85 ? "check" : "direct_debit";
  }

  private String id(String kind) {
    int n = counters.merge(kind, 1, Integer::sum);
    return String.format("demo-%s-%04d", kind, n);
  }

  private String digits(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(rnd.nextInt(10));
    }
    return b.toString();
  }

  /** A SIRET whose SIREN and whole 14 digits pass the Luhn check, as real ones do. */
  private String siret() {
    String siren8 = (1 + rnd.nextInt(9)) + digits(7);
    String siren = siren8 + luhnDigit(siren8);
    String nic4 = "0" + digits(3);
    String first13 = siren + nic4;
    return first13 + luhnDigit(first13);
  }

  /** The intra-EU VAT number of a French company: FR + key + SIREN. */
  static String vatNumber(String siret) {
    long siren = Long.parseLong(siret.substring(0, 9));
    long key = (12 + 3 * (siren % 97)) % 97;
    return String.format("FR%02d%s", key, siret.substring(0, 9));
  }

  /** The digit that makes {@code prefix + digit} pass the Luhn check. */
  static int luhnDigit(String prefix) {
    int sum = 0;
    boolean dbl = true;
    for (int i = prefix.length() - 1; i >= 0; i--) {
      int d = prefix.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return (10 - sum % 10) % 10;
  }

  static boolean luhnValid(String number) {
    return luhnDigit(number.substring(0, number.length() - 1)) == number.charAt(number.length() - 1) - '0';
  }

  private static String slug(String s) {
    String n = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return n.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }

  // ---------------------------------------------------------------------------------------------
  // Numbers and order

  /** Number series, continuous and chronological each (drafts have no number yet). */
  private List<Document> numbered(List<Document> docs) {
    Map<DocumentType, String> prefix = new EnumMap<>(DocumentType.class);
    int y = today.getYear();
    prefix.put(DocumentType.INVOICE, "F" + y + "-");
    prefix.put(DocumentType.DEPOSIT_INVOICE, "F" + y + "-");
    prefix.put(DocumentType.CREDIT_NOTE, "AV" + y + "-");
    prefix.put(DocumentType.PAYMENT, "RG" + y + "-");
    prefix.put(DocumentType.REFUND, "RB" + y + "-");
    prefix.put(DocumentType.SUPPLIER_PAYMENT, "VIR" + y + "-");
    prefix.put(DocumentType.CASH_SALE, "TK" + y + "-");
    prefix.put(DocumentType.EXPENSE_REPORT, "NDF" + y + "-");
    List<Document> sorted = new ArrayList<>(docs);
    sorted.sort(ORDER);
    Map<String, Integer> next = new TreeMap<>();
    List<Document> result = new ArrayList<>();
    for (Document d : sorted) {
      String p = prefix.get(d.type());
      if (p == null || d.number() != null || d.status() == DocumentStatus.DRAFT) {
        result.add(d);
        continue;
      }
      int n = next.merge(p, 1, Integer::sum);
      result.add(withNumber(d, p + String.format("%05d", n)));
    }
    return result;
  }

  private static final Comparator<Document> ORDER = Comparator.comparing(Document::date)
      .thenComparing(d -> typeOrder(d.type()))
      .thenComparing(Document::id);

  private static List<Document> ordered(List<Document> docs) {
    List<Document> sorted = new ArrayList<>(docs);
    sorted.sort(ORDER);
    return List.copyOf(sorted);
  }

  /** Within a day, documents before the ones that refer to them. */
  private static int typeOrder(DocumentType t) {
    return switch (t) {
      case DEPOSIT_INVOICE -> 0;
      case INVOICE -> 1;
      case CREDIT_NOTE -> 2;
      case PAYMENT -> 3;
      case REFUND -> 4;
      case PURCHASE_INVOICE -> 5;
      case PURCHASE_CREDIT_NOTE -> 6;
      case SUPPLIER_PAYMENT -> 7;
      case CASH_SALE -> 8;
      case EXPENSE_REPORT -> 9;
    };
  }

  private static Document withNumber(Document d, String number) {
    return new Document(d.id(), d.type(), number, d.date(), d.status(), d.currency(), d.exchangeRate(), d.counterparty(),
        d.lines(), d.totals(), d.relatedDocumentId(), d.depositDocumentIds(), d.payment(), d.engagementNumber(),
        d.purchaseOrderNumber(), d.accountingPeriodEnd());
  }
}
