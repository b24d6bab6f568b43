package com.accountingexport.adapters;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
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
 * The AWS clients the service uses, each built on first use and then kept. {@link #fromEnvironment()}
 * follows the SDK's own rules (AWS_REGION, default credentials chain, AWS_ENDPOINT_URL[_SERVICE]):
 * one code path for AWS, LocalStack and the embedded emulators. {@link #forEndpoints} points each
 * client at an emulator.
 *
 * <p>Built lazily so that a function's jar holds only the SDK modules it calls: the documents
 * function never touches S3 or SES, so their classes are never loaded and are not shipped in its jar
 * (adapters declares s3, sesv2 and sfn optional; each function module names those it needs).
 */
public final class AwsClients implements AutoCloseable {
  private final Lazy<DynamoDbClient> dynamo;
  private final Lazy<S3Client> s3;
  private final Lazy<S3Presigner> presigner;
  private final Lazy<SesV2Client> ses;

  /** Clients built elsewhere (tests); a null one is absent (e.g. no SES: notices are not sent). */
  public AwsClients(DynamoDbClient dynamo, S3Client s3, S3Presigner presigner, SesV2Client ses) {
    this(() -> dynamo, () -> s3, () -> presigner, () -> ses);
  }

  private AwsClients(Supplier<DynamoDbClient> dynamo, Supplier<S3Client> s3, Supplier<S3Presigner> presigner,
      Supplier<SesV2Client> ses) {
    this.dynamo = new Lazy<>(dynamo);
    this.s3 = new Lazy<>(s3);
    this.presigner = new Lazy<>(presigner);
    this.ses = new Lazy<>(ses);
  }

  public DynamoDbClient dynamo() {
    return dynamo.get();
  }

  public S3Client s3() {
    return s3.get();
  }

  public S3Presigner presigner() {
    return presigner.get();
  }

  /** The SES v2 client, or null when this set has none. */
  public SesV2Client ses() {
    return ses.get();
  }

  public static AwsClients fromEnvironment() {
    Lazy<SdkHttpClient> http = new Lazy<>(UrlConnectionHttpClient::create);
    boolean emulated = System.getenv("AWS_ENDPOINT_URL") != null || System.getenv("AWS_ENDPOINT_URL_S3") != null;
    return new AwsClients(new Factories(http, null, null, null, null, null, emulated));
  }

  /** Clients for emulators on the given endpoints, with dummy static credentials. */
  public static AwsClients forEndpoints(URI dynamo, URI s3, URI ses, Region region) {
    Lazy<SdkHttpClient> http = new Lazy<>(UrlConnectionHttpClient::create);
    AwsCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    return new AwsClients(new Factories(http, dynamo, s3, ses, region, creds, true));
  }

  private AwsClients(Factories f) {
    // Anonymous classes, not lambdas: linking a lambda resolves its return type, which would load
    // the S3 or SES client classes in a function whose jar does not ship them.
    this(new Supplier<DynamoDbClient>() {
      @Override
      public DynamoDbClient get() {
        return f.dynamo();
      }
    }, new Supplier<S3Client>() {
      @Override
      public S3Client get() {
        return f.s3();
      }
    }, new Supplier<S3Presigner>() {
      @Override
      public S3Presigner get() {
        return f.presigner();
      }
    }, new Supplier<SesV2Client>() {
      @Override
      public SesV2Client get() {
        return f.ses();
      }
    });
  }

  /** How each client is built: the SDK's configuration, or emulator endpoints when given. */
  private record Factories(Lazy<SdkHttpClient> http, URI dynamoEndpoint, URI s3Endpoint, URI sesEndpoint, Region region,
      AwsCredentialsProvider credentials, boolean pathStyle) {
    DynamoDbClient dynamo() {
      var b = DynamoDbClient.builder().httpClient(http.get());
      if (dynamoEndpoint != null) {
        b.endpointOverride(dynamoEndpoint).region(region).credentialsProvider(credentials);
      }
      return b.build();
    }

    S3Client s3() {
      var b = S3Client.builder().httpClient(http.get())
          .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build());
      if (s3Endpoint != null) {
        b.endpointOverride(s3Endpoint).region(region).credentialsProvider(credentials);
      }
      return b.build();
    }

    S3Presigner presigner() {
      var b = S3Presigner.builder().serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build());
      if (s3Endpoint != null) {
        b.endpointOverride(s3Endpoint).region(region).credentialsProvider(credentials);
      }
      return b.build();
    }

    SesV2Client ses() {
      var b = SesV2Client.builder().httpClient(http.get());
      if (sesEndpoint != null) {
        b.endpointOverride(sesEndpoint).region(region).credentialsProvider(credentials);
      }
      return b.build();
    }
  }

  public static DefaultCredentialsProvider defaultCredentials() {
    return DefaultCredentialsProvider.builder().build();
  }

  /** Closes the clients that were built. */
  @Override
  public void close() {
    List<AutoCloseable> built = new ArrayList<>();
    for (Lazy<?> l : List.of(dynamo, s3, presigner, ses)) {
      Object v = l.ifBuilt();
      if (v instanceof AutoCloseable c) {
        built.add(c);
      }
    }
    for (AutoCloseable c : built) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing: nothing to do
      }
    }
  }

  /** A value built once, on first use. */
  static final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> factory;
    private volatile boolean built;
    private T value;

    Lazy(Supplier<T> factory) {
      this.factory = factory;
    }

    @Override
    public T get() {
      if (!built) {
        synchronized (this) {
          if (!built) {
            value = factory.get();
            built = true;
          }
        }
      }
      return value;
    }

    T ifBuilt() {
      return built ? value : null;
    }
  }
}
