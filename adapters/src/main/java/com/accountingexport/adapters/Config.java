package com.accountingexport.adapters;

import java.time.Duration;
import java.util.Map;

/**
 * Resource names and knobs, from the environment variables that template.yaml sets.
 *
 * @param tableName TABLE_NAME: the single DynamoDB table
 * @param bucketName BUCKET_NAME: the private S3 bucket for export files
 * @param senderEmail SENDER_EMAIL: the From address of notification mails
 * @param downloadUrlTtl DOWNLOAD_URL_TTL_SECONDS: presigned URL lifetime, at most 15 minutes
 * @param publicBaseUrl PUBLIC_BASE_URL: the API's base URL, used in e-mail links
 * @param exportLease EXPORT_LEASE_SECONDS: how long a generation holds its lock and documents before
 *     a dead one is recovered (default 300)
 * @param webhookRetryBase WEBHOOK_RETRY_BASE_SECONDS: a failed webhook delivery is tried again after
 *     base × 2^(n-1) (default 30; the local runtime uses 1 so that a demo sees its retries)
 * @param webhookAllowLoopback WEBHOOK_ALLOW_LOOPBACK: webhooks may use http and loopback addresses
 *     (the local runtime only; never set in AWS)
 */
public record Config(String tableName, String bucketName, String senderEmail, Duration downloadUrlTtl, String publicBaseUrl,
    Duration exportLease, Duration webhookRetryBase, boolean webhookAllowLoopback) {
  public static final Duration MAX_URL_TTL = Duration.ofMinutes(15);

  public Config {
    if (downloadUrlTtl == null || downloadUrlTtl.compareTo(MAX_URL_TTL) > 0 || downloadUrlTtl.isNegative() || downloadUrlTtl.isZero()) {
      downloadUrlTtl = MAX_URL_TTL;
    }
    if (exportLease == null || exportLease.isNegative() || exportLease.isZero()) {
      exportLease = Duration.ofMinutes(5);
    }
    if (webhookRetryBase == null || webhookRetryBase.isNegative()) {
      webhookRetryBase = DEFAULT_WEBHOOK_RETRY_BASE;
    }
  }

  public static final Duration DEFAULT_WEBHOOK_RETRY_BASE = Duration.ofSeconds(30);

  /** The AWS defaults for webhooks: 30 s retry base, public https addresses only. */
  public Config(String tableName, String bucketName, String senderEmail, Duration downloadUrlTtl, String publicBaseUrl,
      Duration exportLease) {
    this(tableName, bucketName, senderEmail, downloadUrlTtl, publicBaseUrl, exportLease, DEFAULT_WEBHOOK_RETRY_BASE, false);
  }

  /** The same settings with other webhook knobs (the local runtime: 1 s, loopback allowed). */
  public Config withWebhooks(Duration retryBase, boolean allowLoopback) {
    return new Config(tableName, bucketName, senderEmail, downloadUrlTtl, publicBaseUrl, exportLease, retryBase, allowLoopback);
  }

  /** The same settings with another lease (tests of crash recovery use a short one). */
  public Config withExportLease(Duration lease) {
    return new Config(tableName, bucketName, senderEmail, downloadUrlTtl, publicBaseUrl, lease, webhookRetryBase,
        webhookAllowLoopback);
  }

  public static Config fromEnvironment() {
    return from(System.getenv());
  }

  public static Config from(Map<String, String> env) {
    Duration d = seconds(env.get("DOWNLOAD_URL_TTL_SECONDS"), MAX_URL_TTL);
    Duration lease = seconds(env.get("EXPORT_LEASE_SECONDS"), Duration.ofMinutes(5));
    return new Config(
        env.getOrDefault("TABLE_NAME", "accounting-export"),
        env.getOrDefault("BUCKET_NAME", "accounting-export-files"),
        env.getOrDefault("SENDER_EMAIL", "exports@accounting-export.local"),
        d,
        env.getOrDefault("PUBLIC_BASE_URL", "http://localhost:3000"),
        lease,
        seconds(env.get("WEBHOOK_RETRY_BASE_SECONDS"), DEFAULT_WEBHOOK_RETRY_BASE),
        "true".equalsIgnoreCase(env.getOrDefault("WEBHOOK_ALLOW_LOOPBACK", "false").trim()));
  }

  private static Duration seconds(String value, Duration fallback) {
    try {
      return value == null ? fallback : Duration.ofSeconds(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
