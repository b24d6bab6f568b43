package com.accountingexport.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The hash of an audit entry: SHA-256 (hex) over a canonical text of every field of the entry but its
 * own hash, the previous entry's hash included. The text is one field per line, each written as
 * {@code <length>:<value>} (length in UTF-16 chars) or {@code -} for null, so that no two entries
 * share a text: a value holding a newline or a separator cannot pass for two fields, an empty string
 * is not a null, and the ids are counted and then listed in name order.
 */
public final class AuditHash {
  /** The previous hash of a tenant's first entry. */
  public static final String GENESIS = "0".repeat(64);
  private static final String VERSION = "accounting-export audit v1";

  private AuditHash() {}

  /** The hash of {@code record} (its {@code hash} and {@code previousHash} fields ignored) chained to {@code previousHash}. */
  public static String of(AuditRecord record, String previousHash) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(canonical(record, previousHash).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text that is hashed. */
  public static String canonical(AuditRecord r, String previousHash) {
    StringBuilder sb = new StringBuilder();
    field(sb, VERSION);
    field(sb, r.tenant().value());
    field(sb, Long.toString(r.seq()));
    field(sb, r.at().toString());
    field(sb, r.actor().sub());
    field(sb, r.actor().email());
    field(sb, r.actor().role());
    field(sb, r.actor().firm());
    field(sb, r.action());
    field(sb, r.route());
    field(sb, Integer.toString(r.ids().size()));
    for (Map.Entry<String, String> e : r.ids().entrySet()) {
      field(sb, e.getKey());
      field(sb, e.getValue());
    }
    field(sb, Integer.toString(r.status()));
    field(sb, r.outcome());
    field(sb, previousHash);
    return sb.toString();
  }

  private static void field(StringBuilder sb, String value) {
    if (value == null) {
      sb.append('-');
    } else {
      sb.append(value.length()).append(':').append(value);
    }
    sb.append('\n');
  }
}
