package com.accountingexport.adapters.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.accountingexport.core.error.DomainException;
import com.accountingexport.core.error.ErrorKind;
import com.accountingexport.core.error.Violation;
import com.accountingexport.core.settings.AutoExport;
import com.accountingexport.core.settings.TenantSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code autoExport} setting on the wire: strict, merged field by field, every bad field named by its path. */
class SettingsJsonAutoExportTest {
  private static final Set<String> FORMATS = Set.of("fec", "csv");

  private static TenantSettings merge(TenantSettings current, String body) {
    return SettingsJson.merge(current, Json.parse(body), FORMATS);
  }

  private static Set<String> badFields(TenantSettings current, String body) {
    DomainException e = assertThrows(DomainException.class, () -> merge(current, body));
    assertEquals(ErrorKind.INVALID, e.kind());
    return e.details().stream().map(Violation::field).collect(Collectors.toSet());
  }

  @Test
  void write_shouldShowTheDisabledDefaults_whenNeverSet() {
    JsonNode a = SettingsJson.write(TenantSettings.defaults()).get("autoExport");
    assertEquals(Json.parse("{\"enabled\": false, \"dayOfMonth\": 1, \"journals\": [], \"format\": null}"), a);
  }

  @Test
  void merge_shouldTakeEveryField_andWriteThemBack() {
    // when
    TenantSettings s = merge(TenantSettings.defaults(),
        "{\"autoExport\": {\"enabled\": true, \"dayOfMonth\": 31, \"journals\": [\"VT\", \"BQ\"], \"format\": \"csv\"}}");

    // then
    assertEquals(new AutoExport(true, 31, List.of("VT", "BQ"), "csv"), s.autoExport());
    assertEquals(Json.parse("{\"enabled\": true, \"dayOfMonth\": 31, \"journals\": [\"VT\", \"BQ\"], \"format\": \"csv\"}"),
        SettingsJson.write(s).get("autoExport"));
    // what GET answers can be sent back as it is
    assertEquals(s, merge(s, Json.write(SettingsJson.write(s))));
  }

  @Test
  void merge_shouldApplyDefaults_andMergeAPartialObjectOntoTheCurrentOne() {
    // given
    TenantSettings enabled = merge(TenantSettings.defaults(), "{\"autoExport\": {\"enabled\": true}}");
    assertEquals(new AutoExport(true, 1, List.of(), null), enabled.autoExport(), "day 1, every journal, the tenant's format");

    // when
    TenantSettings moved = merge(enabled, "{\"autoExport\": {\"dayOfMonth\": 5}}");
    TenantSettings formatted = merge(moved, "{\"autoExport\": {\"format\": \"fec\", \"journals\": [\"VT\"]}}");
    TenantSettings back = merge(formatted, "{\"autoExport\": {\"format\": null, \"journals\": []}}");
    TenantSettings untouched = merge(back, "{\"siren\": \"732829320\"}");

    // then
    assertEquals(new AutoExport(true, 5, List.of(), null), moved.autoExport());
    assertEquals(new AutoExport(true, 5, List.of("VT"), "fec"), formatted.autoExport());
    assertEquals(new AutoExport(true, 5, List.of(), null), back.autoExport());
    assertEquals(back.autoExport(), untouched.autoExport());
  }

  @Test
  void merge_shouldTurnItOffAndForgetIt_withNull_andKeepTheDayWhenOnlyDisabled() {
    TenantSettings on = merge(TenantSettings.defaults(), "{\"autoExport\": {\"enabled\": true, \"dayOfMonth\": 12}}");

    assertNull(merge(on, "{\"autoExport\": null}").autoExport());
    assertEquals(new AutoExport(false, 12, List.of(), null), merge(on, "{\"autoExport\": {\"enabled\": false}}").autoExport());
    assertNull(merge(TenantSettings.defaults(), "{\"autoExport\": {\"enabled\": false}}").autoExport(),
        "disabled with every default is the same as never set");
  }

  @Test
  void merge_shouldCheckTheJournalsAgainstTheCodesThisRequestLeaves() {
    // journal codes renamed in the same request: the new ones are the tenant's
    TenantSettings s = merge(TenantSettings.defaults(),
        "{\"journalCodes\": {\"sales\": \"VE\"}, \"autoExport\": {\"enabled\": true, \"journals\": [\"VE\"]}}");
    assertEquals(List.of("VE"), s.autoExport().journals());
    // the old code is no longer one
    assertEquals(Set.of("autoExport.journals[0]"),
        badFields(TenantSettings.defaults(), "{\"journalCodes\": {\"sales\": \"VE\"}, \"autoExport\": {\"journals\": [\"VT\"]}}"));
    // renaming a code the monthly export names, without changing autoExport, is refused on autoExport.journals
    TenantSettings vt = merge(TenantSettings.defaults(), "{\"autoExport\": {\"enabled\": true, \"journals\": [\"BQ\", \"VT\"]}}");
    assertEquals(Set.of("autoExport.journals[1]"), badFields(vt, "{\"journalCodes\": {\"sales\": \"VE\"}}"));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"autoExport\": true}                                        | autoExport",
      "{\"autoExport\": [1]}                                         | autoExport",
      "{\"autoExport\": {\"enabled\": \"yes\"}}                      | autoExport.enabled",
      "{\"autoExport\": {\"dayOfMonth\": 0}}                         | autoExport.dayOfMonth",
      "{\"autoExport\": {\"dayOfMonth\": 32}}                        | autoExport.dayOfMonth",
      "{\"autoExport\": {\"dayOfMonth\": 1.5}}                       | autoExport.dayOfMonth",
      "{\"autoExport\": {\"dayOfMonth\": \"5\"}}                     | autoExport.dayOfMonth",
      "{\"autoExport\": {\"journals\": \"VT\"}}                      | autoExport.journals",
      "{\"autoExport\": {\"journals\": [\"VT\", \"ZZ\"]}}            | autoExport.journals[1]",
      "{\"autoExport\": {\"journals\": [\"vt\"]}}                    | autoExport.journals[0]",
      "{\"autoExport\": {\"journals\": [1]}}                         | autoExport.journals[0]",
      "{\"autoExport\": {\"journals\": [\"VT\", \"VT\"]}}            | autoExport.journals[1]",
      "{\"autoExport\": {\"journals\": [\"VT\",\"BQ\",\"AC\",\"CA\",\"NDF\",\"OD\",\"VT\"]}} | autoExport.journals",
      "{\"autoExport\": {\"format\": \"pdf\"}}                       | autoExport.format",
      "{\"autoExport\": {\"format\": \"\"}}                          | autoExport.format",
      "{\"autoExport\": {\"format\": 1}}                             | autoExport.format",
      "{\"autoExport\": {\"day\": 5}}                                | autoExport.day"})
  void merge_shouldAnswer400WithTheFieldPath_forEachBadField(String body, String field) {
    assertEquals(Set.of(field), badFields(TenantSettings.defaults(), body));
  }

  @Test
  void merge_shouldListEveryBadAutoExportFieldAtOnce_nextToTheOthers() {
    Set<String> fields = badFields(TenantSettings.defaults(),
        "{\"siren\": \"1\", \"autoExport\": {\"enabled\": 1, \"dayOfMonth\": 40, \"journals\": [\"ZZ\"], \"format\": \"x\"}}");
    assertEquals(Set.of("siren", "autoExport.enabled", "autoExport.dayOfMonth", "autoExport.journals[0]", "autoExport.format"),
        fields);
    assertTrue(fields.size() == 5);
  }
}
