package com.accountingexport.core.document;

/** A postal address. {@code siret} is the establishment's SIRET, which Chorus Pro wants per address. */
public record Address(
    String line1, String line2, String postalCode, String city, String countryCode, String siret) {}
