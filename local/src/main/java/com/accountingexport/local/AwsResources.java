package com.accountingexport.local;

import com.accountingexport.adapters.AwsClients;
import com.accountingexport.adapters.Config;
import com.accountingexport.adapters.dynamodb.TableDefinition;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Creates the table and the bucket when they are missing: one code path for the emulators,
 * LocalStack and an AWS account used by hand (in AWS, template.yaml creates them).
 */
public final class AwsResources {
  private AwsResources() {}

  public static void ensure(AwsClients aws, Config config) {
    TableDefinition.createIfMissing(aws.dynamo(), config.tableName());
    ensureBucket(aws.s3(), config.bucketName());
  }

  static void ensureBucket(S3Client s3, String bucket) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return;
    } catch (NoSuchBucketException e) {
      // create it below
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw e;
      }
    }
    Region region = s3.serviceClientConfiguration().region();
    CreateBucketRequest.Builder req = CreateBucketRequest.builder().bucket(bucket);
    if (region != null && !Region.US_EAST_1.equals(region)) {
      req.createBucketConfiguration(CreateBucketConfiguration.builder()
          .locationConstraint(BucketLocationConstraint.fromValue(region.id())).build());
    }
    s3.createBucket(req.build());
    s3.waiter().waitUntilBucketExists(b -> b.bucket(bucket));
  }
}
