package io.tfmesh.plan;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A plan entered pending approval: computed and submitted at once, submitted from a draft, or
 * made to reverse another. Published in the transaction that makes the change.
 *
 * @param title what the plan is called where it is listed, such as {@code east-west #12}
 * @param changes what it changes in a line, such as {@code 3 steps on aws-east, gcp-west}
 * @param submittedBy who submitted it
 * @param clusterId the one cluster it was computed for, null for the whole mesh
 */
public record PlanAwaitsApproval(long planId, String title, String changes, String submittedBy,
		@Nullable Long meshId, @Nullable Long clusterId, Instant at) {
}
