package io.tfmesh.preflight;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Every preflight check of one cluster, from its latest stored observation.
 *
 * @param observedAt when that observation was made, null when the cluster was never observed
 * @param verdict the worst verdict of the checks
 */
public record PreflightReport(long clusterId, String clusterName, @Nullable Instant observedAt, Verdict verdict,
		List<CheckResult> checks) {

	public PreflightReport {
		checks = List.copyOf(checks);
	}

	static PreflightReport of(long clusterId, String clusterName, @Nullable Instant observedAt,
			List<CheckResult> checks) {
		Verdict verdict = checks.stream().map(CheckResult::verdict).reduce(Verdict.PASS, Verdict::and);
		return new PreflightReport(clusterId, clusterName, observedAt, verdict, checks);
	}

	public long failed() {
		return checks.stream().filter(check -> check.verdict() == Verdict.FAIL).count();
	}

	public long unknown() {
		return checks.stream().filter(check -> check.verdict() == Verdict.UNKNOWN).count();
	}

}
