package com.accountingexport.core.export;

import java.time.Instant;

/** A file ready to fetch: an expiring URL and what it will return. */
public record Download(String kind, String format, String url, Instant expiresAt, String sha256, long bytes) {}
