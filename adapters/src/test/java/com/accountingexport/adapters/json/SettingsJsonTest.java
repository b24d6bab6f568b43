package com.accountingexport.adapters.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.settings.Language;
import com.accountingexport.core.settings.TenantSettings;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code locale} setting on the wire: {@code fr} by default, {@code fr} or {@code en} only. */
class SettingsJsonTest {
  private static final Set<String> FORMATS = Set.of("fec", "csv");

  private static TenantSettings merge(TenantSettings current, String body) {
    return SettingsJson.merge(current, Json.parse(body), FORMATS);
  }

  @Test
  void write_shouldSayFr_forTheDefaults() {
    assertEquals("fr", SettingsJson.write(TenantSettings.defaults()).get("locale").asText());
  }

  @Test
  void merge_shouldTakeEnglish_andWriteItBack() {
    // when
    TenantSettings s = merge(TenantSettings.defaults(), "{\"locale\": \"en\"}");

    // then
    assertEquals(Language.EN, s.language());
    assertEquals("en", SettingsJson.write(s).get("locale").asText());
  }

  @Test
  void merge_shouldKeepTheCurrentLanguage_whenLocaleIsAbsentOrNull() {
    // given
    TenantSettings english = merge(TenantSettings.defaults(), "{\"locale\": \"en\"}");

    // when / then
    assertEquals(Language.EN, merge(english, "{\"defaultFormat\": \"csv\"}").language());
    assertEquals(Language.EN, merge(english, "{\"locale\": null}").language());
    assertEquals(Language.FR, merge(english, "{\"locale\": \"fr\"}").language());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"de\"", "\"FR\"", "\"en-GB\"", "\"\"", "1", "true", "[\"fr\"]", "{\"fr\": 1}"})
  void merge_shouldAnswer400OnLocale_forAnythingButFrOrEn(String value) {
    // when
    DomainException e = assertThrows(DomainException.class,
        () -> merge(TenantSettings.defaults(), "{\"locale\": " + value + ", \"siren\": \"123\"}"));

    // then: locale is named, next to the other bad fields
    assertEquals(ErrorKind.INVALID, e.kind());
    assertTrue(e.details().stream().anyMatch(v -> "locale".equals(v.field())), e.details().toString());
    assertTrue(e.details().stream().anyMatch(v -> "siren".equals(v.field())), e.details().toString());
  }

  @Test
  void notifyAbove_shouldBeNullByDefault_setToANumber_clearedByNull_andRefusedOtherwise() {
    assertTrue(SettingsJson.write(TenantSettings.defaults()).get("notifyAbove").isNull());
    TenantSettings s = merge(TenantSettings.defaults(), "{\"notifyAbove\": 200}");
    assertEquals(200, s.notifyAbove());
    assertEquals(200, SettingsJson.write(s).get("notifyAbove").asInt());
    assertTrue(s.notifiesSynchronousExportOf(201));
    assertTrue(!s.notifiesSynchronousExportOf(200));
    assertEquals(200, merge(s, "{\"locale\": \"en\"}").notifyAbove(), "absent keeps it");
    assertEquals(null, merge(s, "{\"notifyAbove\": null}").notifyAbove(), "null clears it");
    for (String bad : new String[] {"-1", "\"200\"", "2.5", "1000001", "true"}) {
      DomainException e = assertThrows(DomainException.class, () -> merge(TenantSettings.defaults(),
          "{\"notifyAbove\": " + bad + "}"), bad);
      assertTrue(e.details().stream().anyMatch(v -> "notifyAbove".equals(v.field())), bad + ": " + e.details());
    }
  }

  @Test
  void accounts_shouldStartWithThreeDigitsOfThePcg_elseA400OnTheirPath() {
    assertEquals("411100", merge(TenantSettings.defaults(), "{\"accounts\": {\"customer\": \"411100\"}}")
        .accounts().customer());
    for (String bad : new String[] {"4AB000", "41", "911000", "0411"}) {
      DomainException e = assertThrows(DomainException.class, () -> merge(TenantSettings.defaults(),
          "{\"accounts\": {\"customer\": \"" + bad + "\"}}"), bad);
      assertTrue(e.details().stream().anyMatch(v -> "accounts.customer".equals(v.field())), bad + ": " + e.details());
    }
  }

  @Test
  void depositsAsPayments_isRemoved_trueIsA400_falseIsIgnored() {
    DomainException e = assertThrows(DomainException.class,
        () -> merge(TenantSettings.defaults(), "{\"depositsAsPayments\": true}"));
    assertEquals(ErrorKind.INVALID, e.kind());
    assertEquals("SETTING_REMOVED", e.details().get(0).code(), e.details().toString());
    assertEquals("depositsAsPayments", e.details().get(0).field());

    assertEquals(TenantSettings.defaults(), merge(TenantSettings.defaults(), "{\"depositsAsPayments\": false}"));
    assertTrue(SettingsJson.write(TenantSettings.defaults()).get("depositsAsPayments") == null, "no longer answered");
  }

  @Test
  void vatRegimeServices_defaultsToCollections_andJournalCodesHoldTheMiscJournal() {
    var written = SettingsJson.write(TenantSettings.defaults());
    assertEquals("collections", written.get("vatRegimeServices").asText());
    assertEquals("OD", written.get("journalCodes").get("misc").asText());
    assertEquals("OPS", merge(TenantSettings.defaults(), "{\"journalCodes\": {\"misc\": \"OPS\"}}")
        .journalCode(com.accountingexport.core.booking.JournalKind.MISC));
  }

  private static final String PNG = java.util.Base64.getEncoder().encodeToString(new byte[] {
      (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d});

  @Test
  void invoicing_roundTrips_andMergesTheCompanyFieldByField() {
    TenantSettings s = merge(TenantSettings.defaults(), """
        {"company": {"name": "Formations Dupont", "legalForm": "SAS", "shareCapital": "10000.00",
                     "address": {"line1": "12 rue des Lilas", "postalCode": "69003", "city": "Lyon", "countryCode": "FR"},
                     "siren": "732829320", "siret": "73282932000074", "rcs": "RCS Lyon 732 829 320",
                     "vatNumber": "FR44732829320", "logo": "%s"},
         "paymentTermsDays": 45, "latePenaltyRate": "10 %% par an", "defaultPdf": "both"}
        """.formatted(PNG));
    assertEquals("Formations Dupont", s.invoicing().company().name());
    assertEquals(45, s.invoicing().paymentTermsDays());
    assertEquals(com.accountingexport.core.settings.PdfBundle.BOTH, s.invoicing().defaultPdf());
    // a later PUT of one company field keeps the others; the JSON answer says what was stored
    TenantSettings renamed = merge(s, "{\"company\": {\"name\": \"Dupont Formation\"}}");
    assertEquals("Dupont Formation", renamed.invoicing().company().name());
    assertEquals("FR44732829320", renamed.invoicing().company().vatNumber());
    assertEquals(renamed, merge(TenantSettings.defaults(), SettingsJson.write(renamed).toString()));
    assertEquals(null, merge(renamed, "{\"company\": null}").invoicing().company());
    assertEquals("trois fois le taux d'intérêt légal", TenantSettings.defaults().invoicing().penaltyRateText());
  }

  @Test
  void invoicing_answers400PerBadField() {
    DomainException e = assertThrows(DomainException.class, () -> merge(TenantSettings.defaults(), """
        {"company": {"siren": "12", "siret": "12345678900011", "vatNumber": "fr1", "logo": "bm90IGFuIGltYWdl",
                     "shareCapital": 10, "colour": "red"},
         "paymentTermsDays": 400, "defaultPdf": "all"}
        """));
    Set<String> fields = new java.util.HashSet<>();
    e.details().forEach(v -> fields.add(v.field()));
    assertEquals(Set.of("company.siren", "company.vatNumber", "company.logo", "company.shareCapital", "company.colour",
        "paymentTermsDays", "defaultPdf"), fields, e.details().toString());
  }
}
