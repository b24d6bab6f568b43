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
 */
public record Config(String tableName, String bucketName, String senderEmail, Duration downloadUrlTtl, String publicBaseUrl) {
  public static final Duration MAX_URL_TTL = Duration.ofMinutes(15);

  public Config {
    if (downloadUrlTtl == null || downloadUrlTtl.compareTo(MAX_URL_TTL) > 0 || downloadUrlTtl.isNegative() || downloadUrlTtl.isZero()) {
      downloadUrlTtl = MAX_URL_TTL;
    }
  }

  public static Config fromEnvironment() {
    return from(System.getenv());
  }

  public static Config from(Map<String, String> env) {
    String ttl = env.getOrDefault("DOWNLOAD_URL_TTL_SECONDS", "900");
    Duration d;
    try {
      d = Duration.ofSeconds(Long.parseLong(ttl));
    } catch (NumberFormatException e) {
      d = MAX_URL_TTL;
    }
    return new Config(
        env.getOrDefault("TABLE_NAME", "accounting-export"),
        env.getOrDefault("BUCKET_NAME", "accounting-export-files"),
        env.getOrDefault("SENDER_EMAIL", "exports@accounting-export.local"),
        d,
        env.getOrDefault("PUBLIC_BASE_URL", "http://localhost:3000"));
  }
}
