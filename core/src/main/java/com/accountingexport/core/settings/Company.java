package com.accountingexport.core.settings;

import com.accountingexport.core.document.Address;
import java.math.BigDecimal;

/**
 * The seller printed on the tenant's invoices (settings {@code company}; CGI art. 242 nonies A ann.
 * II and C. com. L441-9 say what an invoice must show about it).
 *
 * @param legalForm e.g. {@code SAS}, {@code SARL}, {@code EI}
 * @param shareCapital the share capital in EUR, for companies that have one
 * @param rcs the trade register entry, e.g. {@code RCS Lyon 732 829 320}
 * @param logo a PNG or JPEG image, base64-encoded; null = none
 */
public record Company(
    String name,
    String legalForm,
    BigDecimal shareCapital,
    Address address,
    String siren,
    String siret,
    String rcs,
    String vatNumber,
    String logo) {}
