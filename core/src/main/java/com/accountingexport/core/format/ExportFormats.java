package com.accountingexport.core.format;

import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The registry of export formats: one line per format. */
public final class ExportFormats {
  /** The format used when a request names none. */
  public static final String DEFAULT_ID = FecWriter.ID_TAB;
  /** SIREN written in FEC file names when the tenant's is unknown. */
  public static final String UNKNOWN_SIREN = "000000000";

  private static final List<ExportWriter> ALL = List.of(
      FecWriter.tab(),
      FecWriter.pipe(),
      new CsvJournalWriter(),
      new CentralisedCsvWriter(),
      new SagePnmWriter(),
      new SageCsvWriter(),
      new CegidTraWriter(),
      new EbpWriter(),
      new QuadratusWriter(),
      new CielXimportWriter(),
      new AcdWriter(),
      new XlsxWriter());

  private static final Map<String, ExportWriter> BY_ID = index(ALL);

  private ExportFormats() {}

  /** Every format, in registry order (the default first). */
  public static List<ExportWriter> all() {
    return ALL;
  }

  /** The known ids, in registry order. */
  public static Set<String> ids() {
    return BY_ID.keySet();
  }

  /** The format with this id, if any. */
  public static Optional<ExportWriter> find(String id) {
    return Optional.ofNullable(id == null ? null : BY_ID.get(id));
  }

  /** The format with this id; throws 400 {@code UNKNOWN_FORMAT} naming the known ids otherwise. */
  public static ExportWriter byId(String id) {
    return find(id).orElseThrow(() -> new DomainException(ErrorKind.INVALID, "UNKNOWN_FORMAT",
        "Unknown export format '" + id + "'; known formats: " + String.join(", ", ids())));
  }

  /** The default format ({@value #DEFAULT_ID}). */
  public static ExportWriter defaultWriter() {
    return BY_ID.get(DEFAULT_ID);
  }

  /** The name the user's browser saves for {@code writer}'s file ({@link ExportWriter#fileName}). */
  public static String fileName(ExportWriter writer, ExportContext context) {
    return writer.fileName(context);
  }

  /** The 9-digit SIREN (spaces ignored, a 14-digit SIRET cut to its SIREN), else {@value #UNKNOWN_SIREN}. */
  static String sirenOf(String siren) {
    String valid = siren(siren);
    return valid != null ? valid : UNKNOWN_SIREN;
  }

  /** The 9-digit SIREN that names a FEC (spaces ignored, a 14-digit SIRET cut to its SIREN), or null. */
  public static String siren(String siren) {
    if (siren == null) {
      return null;
    }
    String digits = siren.replace(" ", "");
    if (digits.length() == 14 && isDigits(digits)) {
      return digits.substring(0, 9);
    }
    return digits.length() == 9 && isDigits(digits) ? digits : null;
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Keeps letters, digits, '-', '_' and '.'; anything else (slashes, spaces) becomes '_'. */
  static String safeFilePart(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
    }
    return b.toString();
  }

  private static Map<String, ExportWriter> index(List<ExportWriter> writers) {
    Map<String, ExportWriter> map = new LinkedHashMap<>();
    for (ExportWriter w : writers) {
      if (map.put(w.id(), w) != null) {
        throw new IllegalStateException("two export formats share the id " + w.id());
      }
    }
    return Collections.unmodifiableMap(map);
  }
}
