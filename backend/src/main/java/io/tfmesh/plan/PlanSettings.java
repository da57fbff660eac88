package io.tfmesh.plan;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How plans are made and how long they wait.
 *
 * @param maxObservationAge a target observed longer ago than this is observed again before a
 * plan is computed against it
 * @param expireAfter how long a plan may wait for approval and apply before it expires
 * @param sweepInterval how often expired plans are closed and due plans started; 0 turns the
 * sweep off (plans are still expired when they are read)
 */
@ConfigurationProperties("tfmesh.plans")
public record PlanSettings(@DefaultValue("5m") Duration maxObservationAge, @DefaultValue("72h") Duration expireAfter,
		@DefaultValue("30s") Duration sweepInterval) {
}
