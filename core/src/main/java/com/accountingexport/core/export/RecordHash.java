package com.accountingexport.core.export;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.money.Money;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash of an export record in the tenant's audit chain: SHA-256 over a canonical text of the
 * export's immutable content (number, period, journals, counts, totals, author, original files
 * with their SHA-256) and the previous record's hash. Status changes (downloaded, cancelled) and
 * formats rendered later are not part of it.
 */
public final class RecordHash {
  /** The hash before the first export of a tenant. */
  public static final String GENESIS = "0".repeat(64);

  private RecordHash() {}

  public static String of(TenantId tenant, Export e, long chainSeq, String previousHash) {
    StringBuilder sb = new StringBuilder();
    line(sb, "accounting-export record v1");
    line(sb, tenant.value());
    line(sb, e.id());
    line(sb, e.number());
    line(sb, Long.toString(chainSeq));
    line(sb, previousHash);
    line(sb, e.period().from().toString());
    line(sb, e.period().to().toString());
    line(sb, String.join(",", e.journals()));
    line(sb, e.format());
    line(sb, e.pdf());
    line(sb, Boolean.toString(e.reexport()));
    line(sb, Integer.toString(e.documentCount()));
    line(sb, Integer.toString(e.entryCount()));
    line(sb, Money.format(e.debit()));
    line(sb, Money.format(e.credit()));
    line(sb, e.createdAt().toString());
    line(sb, e.createdBy());
    for (ExportFile f : original(e)) {
      line(sb, f.kind() + "|" + f.format() + "|" + f.key() + "|" + f.bytes() + "|" + f.sha256());
    }
    return sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The files produced when the export was generated (not formats rendered on a later download). */
  public static List<ExportFile> original(Export e) {
    return e.files().stream()
        .filter(f -> !f.kind().equals(ExportFile.JOURNAL) || f.format().equals(e.format()))
        .sorted(Comparator.comparing(ExportFile::kind).thenComparing(ExportFile::format))
        .toList();
  }

  private static void line(StringBuilder sb, String v) {
    sb.append(v == null ? "" : v.replace("\n", " ")).append('\n');
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
