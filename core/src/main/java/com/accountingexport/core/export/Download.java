package com.accountingexport.core.export;

import java.time.Instant;

/** A file ready to fetch: an expiring URL, what it will return, and the name the browser saves it under. */
public record Download(String kind, String format, String url, Instant expiresAt, String sha256, long bytes,
    String fileName) {}
