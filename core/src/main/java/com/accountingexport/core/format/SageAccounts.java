package com.accountingexport.core.format;

import java.util.List;

/**
 * The customers and suppliers of a Sage export (PNM or CSV) [ours: Sage documents no account record
 * for these imports]: {@code ;}, Windows-1252, CRLF, header
 * {@code Compte;Type;Intitule;CompteCollectif;Adresse;CodePostal;Ville;Pays;Siret;TVAIntracom;Email},
 * Type {@code C} customer / {@code F} supplier, Compte ≤ 17, Intitule ≤ 35 (see {@link SemicolonAccounts}).
 */
public final class SageAccounts extends SemicolonAccounts {
  public static final List<String> COLUMNS = List.of(
      "Compte", "Type", "Intitule", "CompteCollectif", "Adresse", "CodePostal", "Ville", "Pays", "Siret",
      "TVAIntracom", "Email");

  public SageAccounts() {
    super(COLUMNS, List.of(Column.ACCOUNT, Column.TYPE, Column.NAME, Column.COLLECTIVE_ACCOUNT, Column.ADDRESS,
        Column.POSTAL_CODE, Column.CITY, Column.COUNTRY, Column.SIRET, Column.VAT_NUMBER, Column.EMAIL));
  }
}
