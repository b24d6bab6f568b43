package com.accountingexport.core.format;

import com.accountingexport.core.auth.TenantId;
import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.port.ExportTemplateRepository;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every format a tenant may name: the built-in ones ({@link ExportFormats}) and its own templates
 * ({@code tpl-…} ids, read only when such an id is asked for).
 */
public final class FormatCatalog {
  private final ExportTemplateRepository templates;

  /** @param templates the tenants' templates; null = built-in formats only */
  public FormatCatalog(ExportTemplateRepository templates) {
    this.templates = templates;
  }

  /** Built-in formats only. */
  public static FormatCatalog builtIn() {
    return new FormatCatalog(null);
  }

  /** The format with this id for this tenant, if any. */
  public Optional<ExportWriter> find(TenantId tenant, String id) {
    Optional<ExportWriter> builtIn = ExportFormats.find(id);
    if (builtIn.isPresent() || templates == null || id == null || !id.startsWith(ExportTemplate.ID_PREFIX)) {
      return builtIn;
    }
    return templates.find(tenant, id).map(TemplateWriter::new);
  }

  /** The format with this id; 400 {@code UNKNOWN_FORMAT} naming the tenant's known ids otherwise. */
  public ExportWriter resolve(TenantId tenant, String id) {
    return find(tenant, id).orElseThrow(() -> new DomainException(ErrorKind.INVALID, "UNKNOWN_FORMAT",
        "Unknown export format '" + id + "'; known formats: " + String.join(", ", ids(tenant))));
  }

  /** Every format of the tenant: the built-in ones, then its templates. */
  public List<ExportWriter> all(TenantId tenant) {
    List<ExportWriter> all = new ArrayList<>(ExportFormats.all());
    if (templates != null) {
      templates.list(tenant).forEach(t -> all.add(new TemplateWriter(t)));
    }
    return all;
  }

  /** Lines of {@link #sample} at most. */
  public static final int SAMPLE_LINES = 4;

  /**
   * The first {@value #SAMPLE_LINES} lines {@code writer} makes of the {@link SampleLedger}, decoded
   * from its encoding (what a user sees opening the file); null for a binary format.
   */
  public static String sample(ExportWriter writer) {
    if (writer.binary()) {
      return null;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      writer.write(SampleLedger.entries().iterator(), SampleLedger.context(), out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String text = out.toString(writer.charset());
    int end = -1;
    for (int i = 0; i < SAMPLE_LINES; i++) {
      int next = text.indexOf('\n', end + 1);
      if (next < 0) {
        return text;
      }
      end = next;
    }
    return text.substring(0, end + 1);
  }

  /** The ids of {@link #all}. */
  public Set<String> ids(TenantId tenant) {
    Set<String> ids = new LinkedHashSet<>();
    all(tenant).forEach(w -> ids.add(w.id()));
    return ids;
  }
}
