package com.accountingexport.core.document;

/**
 * The customer, supplier or employee of a document. {@code accountNumber} is its auxiliary account
 * (e.g. {@code 411C0042}); when absent one is derived from the id and the tenant's settings.
 */
public record Counterparty(
    String id,
    String name,
    String accountNumber,
    String siret,
    String vatNumber,
    String countryCode,
    Address billingAddress,
    Address deliveryAddress,
    boolean chorus,
    String email) {}
