package com.accountingexport.core.lettering;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.booking.EntryLine;
import com.accountingexport.core.booking.JournalEntry;
import com.accountingexport.core.port.LetterCodes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Lettrage (ACCOUNTING.md §5): the lines on an auxiliary account (411/401/404/421 …, the lines
 * that carry a {@code CompAuxNum}) of documents that settle each other and cancel out get one
 * {@code EcritureLet} code and, as {@code DateLet}, the date of the group's last entry. Partial
 * settlements stay unlettered.
 *
 * <p>How groups are found:
 * <ol>
 *   <li>documents are joined along {@link JournalEntry#links()} (a payment to its invoices, a credit
 *       note to its invoice, a final invoice to its deposits; union-find): a link to a document that
 *       is not among the entries is ignored. Only entries with at least one auxiliary line take part.
 *   <li>within each set of joined documents, the lines of each (account, auxiliary account) form a
 *       group; a group of at least two lines whose debits minus credits are exactly 0.00 is
 *       lettered.
 *   <li>its code comes from {@link LetterCodes}, keyed by its auxiliary account and its anchor: the
 *       smallest document id (String order) among the group's documents that link to no document
 *       of the entries (the invoices), else the smallest of its document ids. The same group
 *       computed again (another export's FEC, the fiscal-year FEC) therefore gets the same code;
 *       groups are asked their code in date order (then anchor), so that a first issue follows the
 *       calendar.
 * </ol>
 *
 * <p>Choices: a document met twice (the same id in two entries, e.g. a document exported again) is
 * counted once, from its first entry; an amount with more than two decimals keeps its group
 * unlettered; two lettered groups of one set of documents on different accounts but the same
 * auxiliary account (a supplier on 401 and 404) share their code, as they share their anchor.
 *
 * <p>Memory: the entries are read once and not kept. Held while computing: per document with an
 * auxiliary line its id, links and date, and per auxiliary line a small record (document index,
 * account, auxiliary account, amount in cents; account strings shared through a pool); afterwards
 * one map entry per lettered (document, account, auxiliary account), so O(auxiliary lines) in all,
 * whatever the number of other lines. The result is immutable and thread-safe.
 */
public final class Lettering implements LetterLookup {
  private record Key(String documentId, String account, String auxAccount) {}

  private record AuxLine(int doc, String account, String aux, long cents, boolean exact) {}

  private record GroupKey(int root, String account, String aux) {}

  /** A group as it is summed up. */
  private static final class Group {
    final String account;
    final String aux;
    long cents;
    int lines;
    boolean exact = true;
    LocalDate last;
    String rootAnchor;
    String anyAnchor;
    Letter letter;

    Group(String account, String aux) {
      this.account = account;
      this.aux = aux;
    }

    boolean balanced() {
      return exact && lines >= 2 && cents == 0;
    }

    String anchor() {
      return rootAnchor != null ? rootAnchor : anyAnchor;
    }
  }

  private final Map<Key, Letter> letters;
  private final int groups;

  private Lettering(Map<Key, Letter> letters, int groups) {
    this.letters = letters;
    this.groups = groups;
  }

  /**
   * Reads {@code entries} once and letters them, asking {@code codes} once per lettered group.
   *
   * @param tenant whose codes these are
   */
  public static Lettering of(TenantId tenant, Iterator<JournalEntry> entries, LetterCodes codes) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(codes, "codes");
    Builder b = new Builder();
    while (entries.hasNext()) {
      b.add(entries.next());
    }
    return b.letter(tenant, codes);
  }

  /** {@link #of(TenantId, Iterator, LetterCodes)} over a list. */
  public static Lettering of(TenantId tenant, Iterable<JournalEntry> entries, LetterCodes codes) {
    return of(tenant, entries.iterator(), codes);
  }

  @Override
  public Letter letterOf(String documentId, String account, String auxAccount) {
    if (documentId == null || auxAccount == null) {
      return null;
    }
    return letters.get(new Key(documentId, account, auxAccount));
  }

  /** How many groups were lettered. */
  public int groups() {
    return groups;
  }

  /** Collects the auxiliary lines, then groups and letters them. */
  private static final class Builder {
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> ids = new ArrayList<>();
    private final List<List<String>> links = new ArrayList<>();
    private final List<LocalDate> dates = new ArrayList<>();
    private final List<AuxLine> lines = new ArrayList<>();
    private final Map<String, String> pool = new HashMap<>();

    void add(JournalEntry e) {
      String id = e.documentId();
      if (id == null || index.containsKey(id)) {
        return;
      }
      int doc = -1;
      for (EntryLine l : e.lines()) {
        String aux = l.auxAccount();
        if (aux == null || aux.isBlank()) {
          continue;
        }
        if (doc < 0) {
          doc = ids.size();
          index.put(id, doc);
          ids.add(id);
          links.add(e.links());
          dates.add(e.date());
        }
        BigDecimal signed = amount(l.debit()).subtract(amount(l.credit()));
        BigDecimal cents = signed.movePointRight(2);
        boolean exact = cents.signum() == 0 || cents.stripTrailingZeros().scale() <= 0;
        lines.add(new AuxLine(doc, shared(l.account()), shared(aux), exact ? cents.longValueExact() : 0, exact));
      }
    }

    private String shared(String s) {
      return s == null ? null : pool.computeIfAbsent(s, k -> k);
    }

    private static BigDecimal amount(BigDecimal b) {
      return b == null ? BigDecimal.ZERO : b;
    }

    Lettering letter(TenantId tenant, LetterCodes codes) {
      int n = ids.size();
      int[] parent = new int[n];
      boolean[] root = new boolean[n];
      for (int i = 0; i < n; i++) {
        parent[i] = i;
      }
      for (int i = 0; i < n; i++) {
        root[i] = true;
        for (String link : links.get(i)) {
          Integer other = index.get(link);
          if (other != null && other != i) {
            union(parent, i, other);
            root[i] = false;
          }
        }
      }
      Map<GroupKey, Group> groups = new HashMap<>();
      for (AuxLine l : lines) {
        Group g = groups.computeIfAbsent(new GroupKey(find(parent, l.doc()), l.account(), l.aux()),
            k -> new Group(k.account(), k.aux()));
        g.lines++;
        g.cents += l.cents();
        g.exact &= l.exact();
        LocalDate date = dates.get(l.doc());
        if (g.last == null || date.isAfter(g.last)) {
          g.last = date;
        }
        String id = ids.get(l.doc());
        if (root[l.doc()] && (g.rootAnchor == null || id.compareTo(g.rootAnchor) < 0)) {
          g.rootAnchor = id;
        }
        if (g.anyAnchor == null || id.compareTo(g.anyAnchor) < 0) {
          g.anyAnchor = id;
        }
      }
      List<Group> lettered = new ArrayList<>();
      for (Group g : groups.values()) {
        if (g.balanced()) {
          lettered.add(g);
        }
      }
      lettered.sort(Comparator.comparing((Group g) -> g.last).thenComparing(Group::anchor)
          .thenComparing(g -> g.aux).thenComparing(g -> g.account, Comparator.nullsFirst(Comparator.naturalOrder())));
      List<LetterCodes.Key> keys = new ArrayList<>();
      for (Group g : lettered) {
        keys.add(new LetterCodes.Key(g.aux, g.anchor()));
      }
      Map<LetterCodes.Key, String> issued = codes.codesFor(tenant, keys);
      for (int i = 0; i < lettered.size(); i++) {
        Group g = lettered.get(i);
        g.letter = new Letter(issued.get(keys.get(i)), g.last);
      }
      Map<Key, Letter> letters = new HashMap<>();
      for (AuxLine l : lines) {
        Group g = groups.get(new GroupKey(find(parent, l.doc()), l.account(), l.aux()));
        if (g.letter != null) {
          letters.put(new Key(ids.get(l.doc()), l.account(), l.aux()), g.letter);
        }
      }
      return new Lettering(Map.copyOf(letters), lettered.size());
    }

    private static int find(int[] parent, int i) {
      while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
      }
      return i;
    }

    private static void union(int[] parent, int a, int b) {
      int ra = find(parent, a);
      int rb = find(parent, b);
      if (ra != rb) {
        // the smaller index becomes the root: deterministic, and paths stay short with halving
        if (ra < rb) {
          parent[rb] = ra;
        } else {
          parent[ra] = rb;
        }
      }
    }
  }
}
