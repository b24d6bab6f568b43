package com.accountingexport.core.booking;

import java.util.Map;

/**
 * French labels (FEC {@code CompteLib}) for ledger accounts: the PCG 2025 name of the longest known
 * root an account starts with ({@code 445710} → 44571 "TVA collectée"), else the name of its PCG
 * chapter or class ({@code 628100} → 62 "Autres services extérieurs"), else {@code "Compte <n>"}.
 * A tenant's own chart of accounts may name its sub-accounts better; this is the fallback.
 */
public final class AccountLabels {
  private static final Map<String, String> ROOTS = Map.ofEntries(
      // class 1 and 2
      Map.entry("1", "Comptes de capitaux"),
      Map.entry("2", "Comptes d'immobilisations"),
      Map.entry("20", "Immobilisations incorporelles"),
      Map.entry("205", "Concessions, brevets, licences, logiciels"),
      Map.entry("21", "Immobilisations corporelles"),
      Map.entry("215", "Installations techniques, matériel et outillage industriels"),
      Map.entry("218", "Autres immobilisations corporelles"),
      Map.entry("2182", "Matériel de transport"),
      Map.entry("2183", "Matériel de bureau et matériel informatique"),
      Map.entry("2184", "Mobilier"),
      Map.entry("3", "Comptes de stocks et en-cours"),
      // class 4
      Map.entry("4", "Comptes de tiers"),
      Map.entry("40", "Fournisseurs et comptes rattachés"),
      Map.entry("401", "Fournisseurs"),
      Map.entry("404", "Fournisseurs d'immobilisations"),
      Map.entry("41", "Clients et comptes rattachés"),
      Map.entry("411", "Clients"),
      Map.entry("419", "Clients créditeurs"),
      Map.entry("4191", "Clients - avances et acomptes reçus sur commandes"),
      Map.entry("42", "Personnel et comptes rattachés"),
      Map.entry("421", "Personnel - rémunérations dues"),
      Map.entry("43", "Sécurité sociale et autres organismes sociaux"),
      Map.entry("44", "État et autres collectivités publiques"),
      Map.entry("445", "État - taxes sur le chiffre d'affaires"),
      Map.entry("4456", "Taxes sur le chiffre d'affaires déductibles"),
      Map.entry("44562", "TVA déductible sur immobilisations"),
      Map.entry("44564", "TVA déductible en attente"),
      Map.entry("44566", "TVA déductible sur autres biens et services"),
      Map.entry("4457", "Taxes sur le chiffre d'affaires collectées"),
      Map.entry("44571", "TVA collectée"),
      Map.entry("44574", "TVA collectée en attente"),
      Map.entry("4458", "Taxes sur le chiffre d'affaires à régulariser ou en attente"),
      Map.entry("45", "Groupe et associés"),
      Map.entry("455", "Associés - comptes courants"),
      Map.entry("46", "Débiteurs divers et créditeurs divers"),
      Map.entry("467", "Autres comptes débiteurs ou créditeurs"),
      Map.entry("47", "Comptes transitoires ou d'attente"),
      Map.entry("476", "Différence de conversion - actif"),
      Map.entry("477", "Différence de conversion - passif"),
      // class 5
      Map.entry("5", "Comptes financiers"),
      Map.entry("51", "Banques, établissements financiers et assimilés"),
      Map.entry("512", "Banques"),
      Map.entry("53", "Caisse"),
      Map.entry("530", "Caisse"),
      Map.entry("58", "Virements internes"),
      Map.entry("580", "Virements internes"),
      // class 6
      Map.entry("6", "Comptes de charges"),
      Map.entry("60", "Achats"),
      Map.entry("604", "Achats d'études et prestations de services"),
      Map.entry("606", "Achats non stockés de matières et fournitures"),
      Map.entry("607", "Achats de marchandises"),
      Map.entry("61", "Services extérieurs"),
      Map.entry("611", "Sous-traitance générale"),
      Map.entry("613", "Locations"),
      Map.entry("615", "Entretien et réparations"),
      Map.entry("616", "Primes d'assurances"),
      Map.entry("62", "Autres services extérieurs"),
      Map.entry("622", "Rémunérations d'intermédiaires et honoraires"),
      Map.entry("623", "Publicité, publications, relations publiques"),
      Map.entry("624", "Transports de biens et transports collectifs du personnel"),
      Map.entry("625", "Déplacements, missions et réceptions"),
      Map.entry("6251", "Voyages et déplacements"),
      Map.entry("6256", "Missions"),
      Map.entry("6257", "Réceptions"),
      Map.entry("626", "Frais postaux et frais de télécommunications"),
      Map.entry("627", "Services bancaires et assimilés"),
      Map.entry("63", "Impôts, taxes et versements assimilés"),
      Map.entry("64", "Charges de personnel"),
      Map.entry("65", "Autres charges de gestion courante"),
      Map.entry("656", "Pertes de change sur créances et dettes commerciales"),
      Map.entry("658", "Charges diverses de gestion courante"),
      Map.entry("66", "Charges financières"),
      Map.entry("665", "Escomptes accordés"),
      Map.entry("67", "Charges exceptionnelles"),
      Map.entry("68", "Dotations aux amortissements, dépréciations et provisions"),
      // class 7
      Map.entry("7", "Comptes de produits"),
      Map.entry("70", "Ventes de produits fabriqués, prestations de services, marchandises"),
      Map.entry("701", "Ventes de produits finis"),
      Map.entry("706", "Prestations de services"),
      Map.entry("707", "Ventes de marchandises"),
      Map.entry("708", "Produits des activités annexes"),
      Map.entry("709", "Rabais, remises et ristournes accordés par l'entreprise"),
      Map.entry("7096", "Rabais, remises et ristournes sur prestations de services"),
      Map.entry("7097", "Rabais, remises et ristournes sur ventes de marchandises"),
      Map.entry("74", "Subventions d'exploitation"),
      Map.entry("75", "Autres produits de gestion courante"),
      Map.entry("756", "Gains de change sur créances et dettes commerciales"),
      Map.entry("758", "Produits divers de gestion courante"),
      Map.entry("76", "Produits financiers"),
      Map.entry("765", "Escomptes obtenus"),
      Map.entry("77", "Produits exceptionnels"),
      Map.entry("78", "Reprises sur amortissements, dépréciations et provisions"),
      Map.entry("8", "Comptes spéciaux"));

  private AccountLabels() {}

  /** The label of {@code account}: never null, never blank. */
  public static String of(String account) {
    if (account == null || account.isBlank()) {
      return "Compte";
    }
    String digits = account.trim();
    for (int length = digits.length(); length > 0; length--) {
      String label = ROOTS.get(digits.substring(0, length));
      if (label != null) {
        return label;
      }
    }
    return "Compte " + digits;
  }
}
