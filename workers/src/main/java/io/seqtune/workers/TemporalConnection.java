package io.seqtune.workers;

import com.uber.m3.tally.Scope;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.File;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A checked connection to the Temporal frontend; failures name the address instead of dumping a
 * gRPC trace.
 */
public final class TemporalConnection implements AutoCloseable {
  private final TemporalSettings settings;
  private final WorkflowServiceStubs service;
  private final WorkflowClient client;

  private TemporalConnection(TemporalSettings settings, WorkflowServiceStubs service) {
    this.settings = settings;
    this.service = service;
    this.client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build());
  }

  /** A client connection, as the CLI's commands use: no SDK metrics. */
  public static TemporalConnection connect(TemporalSettings settings) {
    return connect(settings, null);
  }

  /**
   * A connection whose SDK metrics go to {@code metrics} (a worker's); {@code null} reports none,
   * which keeps the metrics libraries out of a short-lived command's start-up.
   */
  public static TemporalConnection connect(TemporalSettings settings, Scope metrics) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(settings.address())
            .setRpcTimeout(Duration.ofSeconds(10));
    if (metrics != null) {
      options.setMetricsScope(metrics);
    }
    if (settings.tls()) {
      options.setSslContext(sslContext(settings));
    }
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(options.build());
    try {
      service.healthCheck();
      service
          .blockingStub()
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    } catch (RuntimeException e) {
      service.shutdownNow();
      throw new UnreachableException(
          "cannot reach Temporal at "
              + settings.address()
              + " (TEMPORAL_ADDRESS): "
              + rootMessage(e)
              + ". Start the dev stack with `seqtune dev up` or point TEMPORAL_ADDRESS at your cluster.",
          e);
    }
    return new TemporalConnection(settings, service);
  }

  private static SslContext sslContext(TemporalSettings settings) {
    try {
      SslContextBuilder builder = GrpcSslContexts.forClient();
      if (settings.tlsCa() != null) {
        builder.trustManager(new File(settings.tlsCa()));
      }
      if (settings.tlsCert() != null) {
        builder.keyManager(new File(settings.tlsCert()), new File(settings.tlsKey()));
      }
      return builder.build();
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "cannot load Temporal TLS files (TEMPORAL_TLS_CERT/KEY/CA): " + e.getMessage(), e);
    }
  }

  public static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** A workflow status as the CLI and run records spell it: RUNNING, COMPLETED, TERMINATED, ... */
  public static String statusName(WorkflowExecutionStatus status) {
    return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
  }

  /** Why a closed workflow did not complete (its failure's root message); null if it completed. */
  public static String failure(WorkflowStub closed) {
    try {
      closed.getResult(Object.class);
      return null;
    } catch (RuntimeException e) {
      return rootMessage(e);
    }
  }

  public WorkflowClient client() {
    return client;
  }

  /**
   * The server's description of the newest execution of {@code workflowId} (status, pending
   * activities); empty when the server does not know it (a restarted dev server).
   */
  public Optional<DescribeWorkflowExecutionResponse> describe(String workflowId) {
    try {
      return Optional.of(
          service
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(settings.namespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .build()));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  public WorkflowServiceStubs service() {
    return service;
  }

  public TemporalSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    service.shutdown();
    service.awaitTermination(5, TimeUnit.SECONDS);
  }

  /** A server that cannot be reached; the message says which and how to fix it. */
  public static final class UnreachableException extends RuntimeException {
    public UnreachableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
