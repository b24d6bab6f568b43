package com.accountingexport.adapters.http;

/**
 * What runs around every route of {@link Http}: {@link #before} may refuse the request (a
 * {@link com.accountingexport.core.error.DomainException} becomes its 4xx, e.g. the rights check);
 * {@link #after} sees every answer, refusals included (e.g. the audit log). A failure in {@code after}
 * is logged and never changes the answer already decided.
 */
public interface RouteHooks {
  default void before(Request request) {}

  default void after(Request request, Response response) {}
}
