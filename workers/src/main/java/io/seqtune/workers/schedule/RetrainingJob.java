package io.seqtune.workers.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqtune.core.spec.PipelineSpec;
import java.io.IOException;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.PersistJobDataAfterExecution;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schedule's Quartz job: starts one pipeline run per fire through the process's {@link
 * RetrainingLauncher} and remembers the run it started, so the next fire can see whether it is
 * still going. Fires of one schedule are never executed concurrently.
 */
@DisallowConcurrentExecution
@PersistJobDataAfterExecution
public final class RetrainingJob implements Job {
  static final String SPEC = "spec";
  static final String LAST_WORKFLOW_ID = "lastWorkflowId";
  static final String LAUNCHER = "seqtune.launcher";
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(RetrainingJob.class);

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    String name = context.getJobDetail().getKey().getName();
    JobDataMap data = context.getJobDetail().getJobDataMap();
    try {
      RetrainingLauncher launcher =
          (RetrainingLauncher) context.getScheduler().getContext().get(LAUNCHER);
      PipelineSpec spec = JSON.readValue(data.getString(SPEC), PipelineSpec.class);
      Launch launch =
          launcher.launch(
              name,
              spec,
              context.getScheduledFireTime().toInstant(),
              data.getString(LAST_WORKFLOW_ID));
      if (launch.outcome() == Launch.Outcome.STARTED) {
        data.put(LAST_WORKFLOW_ID, launch.workflowId());
      }
      LOG.info(
          "schedule {}: {} {} ({})", name, launch.outcome(), launch.workflowId(), launch.detail());
    } catch (IOException | SchedulerException | RuntimeException e) {
      // Not refired at once: a Temporal outage would turn that into a busy loop. The next fire
      // retries.
      LOG.error("schedule {}: could not start a run: {}", name, e.getMessage());
      throw new JobExecutionException(e, false);
    }
  }
}
