/**
 * Runs a planning step that follows a stored decision. The decision stands whatever happens
 * here, so a failure must not turn the answer into "not saved": the planner logs it, and the
 * scheduler's regular check of every plan (`Scheduler.checkPlans`) plans what is missing.
 */
export async function planQuietly(plan: () => Promise<void>): Promise<void> {
  try {
    await plan();
  } catch {
    // Logged by the planner; made good by the next plan check.
  }
}
