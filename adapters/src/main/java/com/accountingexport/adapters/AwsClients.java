package com.accountingexport.adapters;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The AWS clients the service uses, built once. {@link #fromEnvironment()} follows the SDK's own
 * rules (AWS_REGION, default credentials chain, AWS_ENDPOINT_URL[_SERVICE]): one code path for AWS,
 * LocalStack and the embedded emulators. {@link #forEndpoints} points each client at an emulator.
 */
public record AwsClients(DynamoDbClient dynamo, S3Client s3, S3Presigner presigner, SesV2Client ses) {

  public static AwsClients fromEnvironment() {
    SdkHttpClient http = UrlConnectionHttpClient.create();
    boolean emulated = System.getenv("AWS_ENDPOINT_URL") != null || System.getenv("AWS_ENDPOINT_URL_S3") != null;
    S3Configuration s3Config = S3Configuration.builder().pathStyleAccessEnabled(emulated).build();
    return new AwsClients(
        DynamoDbClient.builder().httpClient(http).build(),
        S3Client.builder().httpClient(http).serviceConfiguration(s3Config).build(),
        S3Presigner.builder().serviceConfiguration(s3Config).build(),
        SesV2Client.builder().httpClient(http).build());
  }

  /** Clients for emulators on the given endpoints, with dummy static credentials. */
  public static AwsClients forEndpoints(URI dynamo, URI s3, URI ses, Region region) {
    SdkHttpClient http = UrlConnectionHttpClient.create();
    AwsCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    S3Configuration s3Config = S3Configuration.builder().pathStyleAccessEnabled(true).build();
    return new AwsClients(
        DynamoDbClient.builder().httpClient(http).endpointOverride(dynamo).region(region).credentialsProvider(creds).build(),
        S3Client.builder().httpClient(http).endpointOverride(s3).region(region).credentialsProvider(creds)
            .serviceConfiguration(s3Config).build(),
        S3Presigner.builder().endpointOverride(s3).region(region).credentialsProvider(creds)
            .serviceConfiguration(s3Config).build(),
        SesV2Client.builder().httpClient(http).endpointOverride(ses).region(region).credentialsProvider(creds).build());
  }

  public static DefaultCredentialsProvider defaultCredentials() {
    return DefaultCredentialsProvider.builder().build();
  }
}
