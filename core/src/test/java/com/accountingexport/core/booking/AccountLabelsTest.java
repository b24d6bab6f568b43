package com.accountingexport.core.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccountLabelsTest {
  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "411000; Clients",
      "401000; Fournisseurs",
      "404000; Fournisseurs d'immobilisations",
      "421000; Personnel - rémunérations dues",
      "706000; Prestations de services",
      "707000; Ventes de marchandises",
      "445710; TVA collectée",
      "445740; TVA collectée en attente",
      "445660; TVA déductible sur autres biens et services",
      "445620; TVA déductible sur immobilisations",
      "445640; TVA déductible en attente",
      "419100; Clients - avances et acomptes reçus sur commandes",
      "512000; Banques",
      "512100; Banques",
      "530000; Caisse",
      "625000; Déplacements, missions et réceptions",
      "625600; Missions",
      "656000; Pertes de change sur créances et dettes commerciales",
      "756000; Gains de change sur créances et dettes commerciales",
      "218300; Matériel de bureau et matériel informatique",
      // unknown roots fall back to the PCG chapter, then the class
      "628100; Autres services extérieurs",
      "691000; Comptes de charges",
      "999999; Compte 999999",
  })
  void label_isThePcgNameOfTheLongestKnownRoot(String account, String label) {
    assertEquals(label, AccountLabels.of(account));
  }
}
