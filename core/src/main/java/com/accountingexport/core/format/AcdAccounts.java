package com.accountingexport.core.format;

import java.util.List;

/**
 * The customers and suppliers of an ACD export [ours: ACD imports through a mapping the accountant
 * sets up, no account layout is published]: Sage's accounts file with the name before the type,
 * header {@code Compte;Nom;Type;CompteCollectif;Adresse;CodePostal;Ville;Pays;Siret;TVAIntracom;Email}
 * (see {@link SemicolonAccounts}).
 */
public final class AcdAccounts extends SemicolonAccounts {
  public static final List<String> COLUMNS = List.of(
      "Compte", "Nom", "Type", "CompteCollectif", "Adresse", "CodePostal", "Ville", "Pays", "Siret",
      "TVAIntracom", "Email");

  public AcdAccounts() {
    super(COLUMNS, List.of(Column.ACCOUNT, Column.NAME, Column.TYPE, Column.COLLECTIVE_ACCOUNT, Column.ADDRESS,
        Column.POSTAL_CODE, Column.CITY, Column.COUNTRY, Column.SIRET, Column.VAT_NUMBER, Column.EMAIL));
  }
}
